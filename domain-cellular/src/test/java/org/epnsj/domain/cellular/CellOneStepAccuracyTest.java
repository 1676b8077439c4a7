package org.epnsj.domain.cellular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.List;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.OneStepAccuracy;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.training.EpochDiagnostics;
import org.epnsj.runtime.training.StateBatches;
import org.epnsj.runtime.training.ValidationPass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellOneStepAccuracyTest {

    private static final CellularDomain DOMAIN = new CellularDomain();

    /** A (1, 3, 3, 2) state from 9 ids; the type channel is 1 for every cell and 0 for the medium. */
    private static NDArray grid(NDManager m, int... ids) {
        float[] values = new float[2 * ids.length];
        for (int i = 0; i < ids.length; i++) {
            values[2 * i] = ids[i];
            values[2 * i + 1] = ids[i] == 0 ? 0 : 1;
        }
        return m.create(values, new Shape(1, 3, 3, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void siteAndMotionAccuracyCountSitesWithTheTrueIdAmongAllAndAmongTheChangedOnes(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            NDArray input = grid(m,
                    1, 1, 0,
                    1, 2, 0,
                    0, 2, 2);
            // Two sites change: (0, 2) 0 -> 1 and (2, 1) 2 -> 0.
            NDArray target = grid(m,
                    1, 1, 1,
                    1, 2, 0,
                    0, 0, 2);
            // Wrong at (0, 0) and (1, 1), which did not change, and at (2, 1), which did; right at (0, 2).
            NDArray predicted = grid(m,
                    2, 1, 1,
                    1, 1, 0,
                    0, 2, 2);
            OneStepAccuracy accuracy = CellOneStepAccuracy.INSTANCE;
            double[] tally = accuracy.tally(input, predicted, target);
            assertThat(tally).containsExactly(9, 6, 2, 1);
            assertThat(accuracy.names()).containsExactly("siteAccuracy", "motionAccuracy", "unchangedFraction");
            assertThat(accuracy.figures(tally)).containsExactly(new double[] {6.0 / 9, 0.5, 7.0 / 9}, within(1e-15));

            // Copying the input scores the unchanged fraction and no motion.
            assertThat(accuracy.figures(accuracy.tally(input, input, target)))
                    .containsExactly(new double[] {7.0 / 9, 0, 7.0 / 9}, within(1e-15));
            // With no site changed the motion accuracy is undefined.
            double[] still = accuracy.figures(accuracy.tally(input, predicted, input));
            assertThat(still[0]).isCloseTo(6.0 / 9, within(1e-15));
            assertThat(still[1]).isNaN();
            assertThat(still[2]).isEqualTo(1.0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {CellularDomain.EPNS, CellularDomain.EPNS_REFERENCE, CellularDomain.PNS,
            CellularDomain.EPNS_GLOBAL})
    void theValidationPassReportsTheCellFiguresOfAFreshRolloutStep(String name) {
        // One batch of 3 transitions: the accuracy subset is the whole batch.
        List<Trajectory> trajectories = CellModelsTest.tinyTrajectories(3, 2, 4);
        TrainingConfig config = DOMAIN.trainingConfig(name, "tiny").withBatchSize(3);
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            TransitionModel model = DOMAIN.createModel(name, "tiny", new ModelContext(m, DataType.FLOAT32, 3));
            assertThat(model.oneStepAccuracy()).isSameAs(CellOneStepAccuracy.INSTANCE);
            EpochDiagnostics d = ValidationPass.run(model, config, trajectories, Collections.nCopies(3, 0),
                    SeededNoise.forStream(5, 2), SeededNoise.forStream(5, 3)).diagnostics();

            // The step a rollout takes, computed afresh with the same prior noise.
            NDArray x = StateBatches.stack(m, trajectories, new int[] {0, 0, 0}, DataType.FLOAT32);
            NDArray y = StateBatches.stack(m, trajectories, new int[] {1, 1, 1}, DataType.FLOAT32);
            SeededNoise noise = SeededNoise.forStream(5, 3);
            NDList h = model.forwardModel().forward(x, false);
            NDArray next = model.readout(x, model.decoder().decode(h, model.prior().prior(h, false).sample(noise), false),
                    config.rolloutReadout(), noise);
            double[] expected = CellOneStepAccuracy.INSTANCE.figures(CellOneStepAccuracy.INSTANCE.tally(x, next, y));

            assertThat(d.accuracyTransitions()).isEqualTo(3);
            assertThat(d.oneStepAccuracy()).containsOnlyKeys("siteAccuracy", "motionAccuracy", "unchangedFraction");
            assertThat(d.oneStepAccuracy().get("siteAccuracy")).isEqualTo(expected[0]).isBetween(0.0, 1.0);
            assertThat(d.oneStepAccuracy().get("motionAccuracy")).isEqualTo(expected[1]);
            assertThat(d.oneStepAccuracy().get("unchangedFraction")).isEqualTo(expected[2]).isLessThan(1.0);
            boolean global = name.equals(CellularDomain.PNS) || name.equals(CellularDomain.EPNS_GLOBAL);
            // tiny: 4 cells, so 5 nodes (medium included); 4 latent dimensions.
            assertThat(d.latentNodes()).isEqualTo(global ? 1 : 5);
            assertThat(d.dimensions()).isEqualTo(4);
        }
    }
}
