package org.epnsj.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.Readout;
import org.epnsj.api.training.AdamSettings;
import org.epnsj.api.training.KlAnnealing;
import org.epnsj.api.training.MultiStepSchedule;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.api.training.TrainingStrategy;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.testing.RandomWalks;
import org.epnsj.runtime.testing.TinyGaussianModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PyTorch accumulates gradients across backward passes and MXNet overwrites them: both must sum. */
class GradientAccumulationTest {

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void collectedGradientsOfTwoPassesEqualTheGradientOfTheSummedLoss(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            NDArray a = m.create(new double[] {1.0, 2.0});
            NDArray b = m.create(new double[] {3.0});
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("a", a);
            params.put("b", b);
            try (GradientAccumulator acc = new GradientAccumulator(params)) {
                // Pass 1 reaches a and b; pass 2 reaches only a (b must not keep a stale gradient).
                try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                    gc.backward(a.square().sum().add(b.mul(a.sum())));
                }
                acc.collect();
                try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                    gc.backward(a.mul(5).sum());
                }
                acc.collect();
                // d/da = 2a + b + 5 = (10, 12); d/db = sum(a) = 3.
                assertThat(acc.sums().get("a").toDoubleArray()).containsExactly(new double[] {10, 12}, within(1e-12));
                assertThat(acc.sums().get("b").toDoubleArray()).containsExactly(new double[] {3}, within(1e-12));
            }
        }
    }

    static TrainingConfig multiStepConfig(int epochs) {
        return new TrainingConfig(epochs, 8, 2, 1, new AdamSettings(1e-2, 1e-4, 0.9, 0.999, 1e-8),
                new KlAnnealing(1, 1, 0.5), 0.05, TrainingStrategy.MULTI_STEP, new MultiStepSchedule(0, 0, 1, 0.5),
                Readout.MEAN, Readout.SAMPLE, 42);
    }

    @Test
    void multiStepTrainingGivesTheSameParametersOnBothEngines() {
        // Java-side initialisation and noise make the two engines compute the same float64 numbers.
        List<Trajectory> data = RandomWalks.generate(8, 12, 5);
        Map<String, double[]> mx = train("mxnet", data);
        Map<String, double[]> pt = train("pytorch", data);
        assertThat(mx.keySet()).containsExactlyElementsOf(pt.keySet());
        for (String name : mx.keySet()) {
            assertThat(pt.get(name)).as(name).containsExactly(mx.get(name), within(1e-9));
        }
    }

    private static Map<String, double[]> train(String engine, List<Trajectory> data) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            TinyGaussianModel model = new TinyGaussianModel(m, DataType.FLOAT64, 3);
            Map<String, double[]> initial = snapshot(model.parameters());
            try (EpnsTrainer trainer = new EpnsTrainer(model, multiStepConfig(3), data, List.of())) {
                EpnsTrainer.Outcome outcome = trainer.fit();
                // Epoch 2 of this schedule rolls out 3 steps (min(2+1, floor(11 * 0.5))).
                assertThat(outcome.epochs()).extracting(EpochSummary::rolloutLength).containsExactly(1, 2, 3);
            }
            Map<String, double[]> trained = snapshot(model.parameters());
            assertThat(trained.get("decoder.0.weight")).isNotEqualTo(initial.get("decoder.0.weight"));
            return trained;
        }
    }

    static Map<String, double[]> snapshot(Map<String, NDArray> params) {
        Map<String, double[]> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, Parameters.values(v)));
        return out;
    }
}
