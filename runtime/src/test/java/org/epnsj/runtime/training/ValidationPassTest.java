package org.epnsj.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.ApproximatePosterior;
import org.epnsj.api.model.OneStepAccuracy;
import org.epnsj.api.model.Transformation;
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

class ValidationPassTest {

    /** 2 trajectories of 6 frames: 10 one-step transitions, one per batch (batch size 1). */
    private final List<Trajectory> walks = RandomWalks.generate(2, 6, 5);
    private final TrainingConfig config = GradientAccumulationTest.multiStepConfig(1).withBatchSize(1);

    private List<Trajectory> items() {
        List<Trajectory> items = new ArrayList<>();
        walks.forEach(t -> {
            for (int s = 0; s < 5; s++) {
                items.add(t);
            }
        });
        return items;
    }

    private static List<Integer> starts() {
        return List.of(0, 1, 2, 3, 4, 0, 1, 2, 3, 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void diagnosticsLeaveTheNegativeElboUnchangedAndTheirKlAddsUpToItsKlTerm(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            TinyGaussianModel model = new TinyGaussianModel(m, DataType.FLOAT64, 3);
            double plain = EpnsTrainer.negativeElbo(model, config, items(), starts(), SeededNoise.forStream(9, 2));
            ValidationPass.Result r = ValidationPass.run(model, config, items(), starts(), SeededNoise.forStream(9, 2),
                    SeededNoise.forStream(9, 3));
            assertThat(r.negativeElbo()).isEqualTo(plain);

            // The KL term of the same pass, batch by batch with the same posterior noise.
            SeededNoise noise = SeededNoise.forStream(9, 2);
            double klTerm = 0;
            List<Trajectory> items = items();
            for (int i = 0; i < 10; i++) {
                try (NDManager b = m.newSubManager(); NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray x = StateBatches.stack(b, items.subList(i, i + 1), new int[] {starts().get(i)},
                            DataType.FLOAT64);
                    NDArray y = StateBatches.stack(b, items.subList(i, i + 1), new int[] {starts().get(i) + 1},
                            DataType.FLOAT64);
                    klTerm += Parameters.scalar(Elbo.evaluate(model, x, y, 1, 0, noise, false).rawKl());
                }
            }
            EpochDiagnostics d = r.diagnostics();
            assertThat(d.latentNodes()).isEqualTo(1);
            assertThat(d.dimensions()).isEqualTo(3);
            assertThat(d.klPerDimension().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(klTerm / 10, within(1e-12));
            // Batches 0 and 8 of the 10 (every 8th): 2 transitions.
            assertThat(d.accuracyTransitions()).isEqualTo(2);
            assertThat(d.oneStepAccuracy()).containsOnlyKeys("relativeRmsError");
            assertThat(d.oneStepAccuracy().get("relativeRmsError")).isPositive().isFinite();
            assertThat(d.priorSigma()).hasSize(3).allSatisfy(s -> assertThat(s).isPositive());
        }
    }

    @Test
    void aModelWhosePosteriorIsItsPriorShowsNoActiveUnits() {
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            TransitionModel collapsed = new PosteriorIsPrior(new TinyGaussianModel(m, DataType.FLOAT64, 3));
            EpochDiagnostics d = ValidationPass.run(collapsed, config, items(), starts(), SeededNoise.forStream(9, 2),
                    SeededNoise.forStream(9, 3)).diagnostics();
            assertThat(d.klPerDimension()).containsExactly(0.0, 0.0, 0.0);
            assertThat(d.activeUnits()).isZero();
            assertThat(d.meanShift()).containsExactly(0.0, 0.0, 0.0);

            // The model it wraps, with its own posterior, does use its latent.
            EpochDiagnostics used = ValidationPass.run(new TinyGaussianModel(m, DataType.FLOAT64, 3), config, items(),
                    starts(), SeededNoise.forStream(9, 2), SeededNoise.forStream(9, 3)).diagnostics();
            assertThat(used.activeUnits()).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void theDefaultAccuracyIsTheRmsErrorRelativeToTheRmsOfTheTrueChange(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            NDArray input = m.create(new double[] {0, 0, 1, 1}, new Shape(2, 2));
            NDArray target = m.create(new double[] {1, 0, 1, 3}, new Shape(2, 2));
            NDArray predicted = m.create(new double[] {0.5, 0, 1, 2}, new Shape(2, 2));
            OneStepAccuracy accuracy = OneStepAccuracy.RELATIVE_RMS_ERROR;
            // Squared error 0.25 + 1 = 1.25; squared change 1 + 4 = 5.
            double[] tally = accuracy.tally(input, predicted, target);
            assertThat(tally).containsExactly(new double[] {1.25, 5}, within(1e-12));
            assertThat(accuracy.figures(tally)).containsExactly(new double[] {0.5}, within(1e-12));
            // Copying the input scores 1; nothing changed at all is undefined.
            assertThat(accuracy.figures(accuracy.tally(input, input, target))).containsExactly(1.0);
            assertThat(accuracy.figures(accuracy.tally(input, target, input))[0]).isNaN();
        }
    }

    /** A model whose posterior ignores the target and returns the prior: a collapsed latent by construction. */
    private static final class PosteriorIsPrior extends DelegatingModel {

        private final ApproximatePosterior posterior;

        PosteriorIsPrior(TransitionModel inner) {
            super(inner);
            this.posterior = ApproximatePosterior.of(Transformation.NONE,
                    (h, target, training) -> inner.prior().prior(h, training));
        }

        @Override
        public String name() {
            return "collapsed";
        }

        @Override
        public ApproximatePosterior posterior() {
            return posterior;
        }
    }
}
