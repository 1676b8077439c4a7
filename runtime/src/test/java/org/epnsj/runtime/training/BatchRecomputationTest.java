package org.epnsj.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.ForwardModel;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.testing.DelegatingModel;
import org.epnsj.runtime.testing.RandomWalks;
import org.epnsj.runtime.testing.TinyGaussianModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A batch whose loss comes out non-finite once (as an intermittent engine fault makes it) is recomputed
 * with the same inputs and noise, and training goes on exactly as if the fault had not happened; a batch
 * that is non-finite again ends training with the reason.
 */
class BatchRecomputationTest {

    private final List<Trajectory> train = RandomWalks.generate(8, 12, 1);
    private final List<Trajectory> validation = RandomWalks.generate(2, 12, 2);

    @Test
    void aBatchThatFailsOnceIsRecomputedAndTrainingEndsAsIfItHadNot() {
        TrainingConfig config = GradientAccumulationTest.multiStepConfig(3);
        Map<String, double[]> clean = train(config, call -> false, new ArrayList<>(), new ArrayList<>());
        List<String> recomputed = new ArrayList<>();
        List<EpochSummary> epochs = new ArrayList<>();
        // The forward pass of the 5th training call returns NaN once: epoch 1's first batch (2 batches of
        // 2 rollout steps an epoch).
        Map<String, double[]> faulty = train(config, call -> call == 5, recomputed, epochs);
        assertThat(recomputed).hasSize(1).first().asString().contains("the loss became NaN");
        for (String name : clean.keySet()) {
            assertThat(faulty.get(name)).as(name).containsExactly(clean.get(name));
        }
        assertThat(epochs).extracting(e -> e.health().recomputedBatches()).containsExactly(0, 1, 0);
        assertThat(epochs).allSatisfy(e -> {
            assertThat(e.health().gradientNormMedian()).isPositive().isFinite();
            assertThat(e.health().gradientNormMax()).isGreaterThanOrEqualTo(e.health().gradientNormMedian());
        });
    }

    /**
     * A pass whose gradient (not its loss) comes out NaN leaves NaN in the engine's gradients and the
     * sums; zeroing them must clear it, or the recomputation adds to NaN and can never be finite.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void aBatchWhoseGradientFailsOnceIsRecomputedAndTrainingEndsAsIfItHadNot(String engine) {
        TrainingConfig config = GradientAccumulationTest.multiStepConfig(3);
        Map<String, double[]> clean = train(engine, config, call -> false, false, new ArrayList<>(), new ArrayList<>());
        List<String> recomputed = new ArrayList<>();
        Map<String, double[]> faulty = train(engine, config, call -> call == 5, true, recomputed, new ArrayList<>());
        assertThat(recomputed).hasSize(1).first().asString().contains("the gradient became NaN");
        for (String name : clean.keySet()) {
            assertThat(faulty.get(name)).as(name).containsExactly(clean.get(name));
        }
    }

    @Test
    void aBatchThatFailsAgainEndsTrainingSayingSo() {
        TrainingConfig config = GradientAccumulationTest.multiStepConfig(3);
        assertThatThrownBy(() -> train(config, call -> call == 5 || call == 6, new ArrayList<>(), new ArrayList<>()))
                .isInstanceOf(NonFiniteLossException.class).hasMessageContaining("the loss became NaN")
                .hasMessageContaining("also when the batch was recomputed");
    }

    @Test
    void theGradientNormIsTheL2NormOverEveryParameter() {
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            Map<String, NDArray> parameters = new java.util.LinkedHashMap<>();
            parameters.put("a", m.zeros(new Shape(2)));
            parameters.put("b", m.zeros(new Shape(1, 2)));
            try (GradientAccumulator g = new GradientAccumulator(parameters)) {
                g.sums().get("a").addi(m.create(new float[] {3, 0}));
                g.sums().get("b").addi(m.create(new float[] {0, 4}, new Shape(1, 2)));
                assertThat(g.norm()).isEqualTo(5.0);
                g.sums().get("b").addi(m.create(new float[] {Float.NaN, 0}, new Shape(1, 2)));
                assertThat(g.norm()).isNaN();
            }
        }
    }

    @Test
    void replayedNoiseRepeatsTheFirstAttemptsDrawsAndThenContinuesTheStream() {
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            SeededNoise plain = new SeededNoise(7);
            float[] normal = plain.normal(m, new Shape(3), DataType.FLOAT32).toFloatArray();
            float[] uniform = plain.uniform(m, new Shape(2), DataType.FLOAT32).toFloatArray();
            float[] after = plain.normal(m, new Shape(4), DataType.FLOAT32).toFloatArray();
            ReplayableNoise noise = new ReplayableNoise(new SeededNoise(7));
            // A first attempt that stopped after one draw, then a complete recomputation.
            assertThat(noise.normal(m, new Shape(3), DataType.FLOAT32).toFloatArray()).containsExactly(normal);
            noise.replay();
            assertThat(noise.normal(m, new Shape(3), DataType.FLOAT32).toFloatArray()).containsExactly(normal);
            assertThat(noise.uniform(m, new Shape(2), DataType.FLOAT32).toFloatArray()).containsExactly(uniform);
            assertThat(noise.normal(m, new Shape(4), DataType.FLOAT32).toFloatArray()).containsExactly(after);
            noise.replay();
            assertThatThrownBy(() -> noise.uniform(m, new Shape(3), DataType.FLOAT32))
                    .hasMessageContaining("is uniform (3) float32, the first attempt's was normal (3) float32");
        }
    }

    private Map<String, double[]> train(TrainingConfig config, IntPredicate failingCall, List<String> recomputed,
            List<EpochSummary> epochs) {
        return train("mxnet", config, failingCall, false, recomputed, epochs);
    }

    private Map<String, double[]> train(String engine, TrainingConfig config, IntPredicate failingCall,
            boolean gradientOnly, List<String> recomputed, List<EpochSummary> epochs) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            TinyGaussianModel inner = new TinyGaussianModel(m, DataType.FLOAT32, 3);
            TransitionModel model = new FaultyForward(inner, failingCall, gradientOnly);
            try (EpnsTrainer t = new EpnsTrainer(model, config, train, validation)) {
                t.listener(new TrainingListener() {
                    @Override
                    public void batchRecomputed(int epoch, int batch, String reason) {
                        recomputed.add(reason);
                    }

                    @Override
                    public void epochFinished(EpochSummary summary) {
                        epochs.add(summary);
                    }
                });
                t.fit();
            }
            return GradientAccumulationTest.snapshot(inner.parameters());
        }
    }

    /**
     * A model whose forward pass goes wrong on the training calls the predicate picks (counted from 1):
     * it returns NaN, or, with {@code gradientOnly}, the right values with a NaN gradient (h + 0 sqrt(h - h):
     * the square root's derivative at 0 is infinite, times the 0 above it).
     */
    private static final class FaultyForward extends DelegatingModel {

        private final ForwardModel forward;
        private int trainingCalls;

        FaultyForward(TransitionModel inner, IntPredicate failingCall, boolean gradientOnly) {
            super(inner);
            this.forward = ForwardModel.of(inner.forwardModel().transformation(), (state, training) -> {
                NDList h = inner.forwardModel().forward(state, training);
                if (training && failingCall.test(++trainingCalls)) {
                    NDArray x = h.get(0);
                    return new NDList(gradientOnly ? x.add(x.sub(x).sqrt().mul(0)) : x.mul(Float.NaN), h.get(1));
                }
                return h;
            });
        }

        @Override
        public ForwardModel forwardModel() {
            return forward;
        }
    }
}
