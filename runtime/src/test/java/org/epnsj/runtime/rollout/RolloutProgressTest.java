package org.epnsj.runtime.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.model.Readout;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.testing.TinyGaussianModel;
import org.junit.jupiter.api.Test;

class RolloutProgressTest {

    /** Every step of an ensemble reports its size once, as the step happens. */
    @Test
    void samplingReportsTheStatesAdvancedAfterEveryStep() {
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            TinyGaussianModel model = new TinyGaussianModel(m, DataType.FLOAT32, 1);
            List<Long> reports = new ArrayList<>();
            RolloutSampler sampler = new RolloutSampler(model, Readout.MEAN, reports::add);
            FloatTrajectory start = new FloatTrajectory(new long[] {2}, 1, new float[] {0.5f, -0.5f});
            sampler.sample(m, start, 0, 5, 3, new SeededNoise(2));
            assertThat(reports).containsExactly(3L, 3L, 3L, 3L, 3L);
        }
    }
}
