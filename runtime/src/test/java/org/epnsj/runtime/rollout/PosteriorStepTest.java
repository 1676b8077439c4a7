package org.epnsj.runtime.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.Readout;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.testing.TinyGaussianModel;
import org.junit.jupiter.api.Test;

class PosteriorStepTest {

    private static final FloatTrajectory TRAJECTORY = new FloatTrajectory(new long[] {2}, 3,
            new float[] {0.5f, -0.5f, 0.7f, -0.2f, 1.1f, 0.3f});

    /** The step decodes z drawn from q(z | h, x_{t+k}), not from the prior, with the given noise. */
    @Test
    void stepsDecodeThePosteriorsDrawGivenTheTrueNextFrame() {
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            TinyGaussianModel model = new TinyGaussianModel(m, DataType.FLOAT64, 1);
            List<Long> reports = new ArrayList<>();
            RolloutSampler sampler = new RolloutSampler(model, Readout.MEAN, reports::add);
            List<Trajectory> steps = sampler.posteriorStep(m, TRAJECTORY, 1, 1, 3, new SeededNoise(7));

            NDArray x = m.create(new double[] {0.7, -0.2, 0.7, -0.2, 0.7, -0.2}, new Shape(3, 2));
            NDArray y = m.create(new double[] {1.1, 0.3, 1.1, 0.3, 1.1, 0.3}, new Shape(3, 2));
            NDList h = model.forwardModel().forward(x, false);
            NDArray fromPosterior = model.decoder().decode(h, model.posterior().posterior(h, y, false)
                    .sample(new SeededNoise(7)), false).mean();
            NDArray fromPrior = model.decoder().decode(h, model.prior().prior(h, false)
                    .sample(new SeededNoise(7)), false).mean();
            assertThat(steps).hasSize(3);
            for (int i = 0; i < 3; i++) {
                Trajectory s = steps.get(i);
                assertThat(s.length()).isEqualTo(2);
                assertThat(s.frame(0)).containsExactly(0.7f, -0.2f);
                float[] expected = {(float) fromPosterior.getDouble(i, 0), (float) fromPosterior.getDouble(i, 1)};
                assertThat(s.frame(1)).as("sample %d", i).containsExactly(expected, within(1e-6f));
                assertThat((double) s.frame(1)[0]).isNotEqualTo(fromPrior.getDouble(i, 0));
            }
            assertThat(steps.get(0).frame(1)).as("independent draws").isNotEqualTo(steps.get(1).frame(1));
            assertThat(reports).containsExactly(3L);
        }
    }

    @Test
    void aStepWithoutATrueNextFrameIsRefusedByName() {
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            RolloutSampler sampler = new RolloutSampler(new TinyGaussianModel(m, DataType.FLOAT32, 1), Readout.MEAN);
            assertThatThrownBy(() -> sampler.posteriorStep(m, TRAJECTORY, 2, 1, 1, new SeededNoise(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a posterior step from frame 2 needs frame 3, but the trajectory has 3 frames");
            assertThatThrownBy(() -> sampler.posteriorStep(m, TRAJECTORY, 0, 1, 0, new SeededNoise(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samples must be >= 1");
        }
    }
}
