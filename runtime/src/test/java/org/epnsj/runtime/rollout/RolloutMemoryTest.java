package org.epnsj.runtime.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.epnsj.api.model.Readout;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.testing.TinyGaussianModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RolloutMemoryTest {

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void twoThousandStepsLeaveNoLiveArraysBehind(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            TinyGaussianModel model = new TinyGaussianModel(m, DataType.FLOAT32, 1);
            RolloutSampler sampler = new RolloutSampler(model, Readout.SAMPLE);
            int before = m.getManagedArrays().size();
            int[] finite = {0};
            try (NDManager rollout = m.newSubManager()) {
                NDArray x0 = rollout.zeros(new Shape(16, 2));
                NDArray last = sampler.rollout(x0, 2000, new SeededNoise(9), (step, states) -> finite[0]++);
                assertThat(last.getShape()).isEqualTo(new Shape(16, 2));
                // Only the initial and the final state remain, plus nothing the steps created.
                assertThat(rollout.getManagedArrays()).hasSizeLessThanOrEqualTo(2);
            }
            assertThat(finite[0]).isEqualTo(2000);
            assertThat(m.getManagedArrays().size()).isEqualTo(before);
        }
    }
}
