package org.epnsj.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ElboTest {

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void freeBitsKeepTheValueButDetachElementsWhoseBatchAverageIsBelowLambda(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            // KL elements = theta^2, batch 2 x 3 latent positions. Batch averages: 0.05, 1.0, 0.125.
            NDArray theta = m.create(new double[] {0.1, 1.0, 0.3, 0.3, 1.0, 0.4}, new Shape(2, 3));
            theta.setRequiresGradient(true);
            double value;
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray kl = theta.square();
                NDArray fb = Elbo.applyFreeBits(kl, 0.12);
                value = fb.sum().getDouble();
                gc.backward(fb.sum());
            }
            assertThat(value).isCloseTo(0.01 + 1 + 0.09 + 0.09 + 1 + 0.16, within(1e-12));
            // Position 0 (average 0.05 < 0.12) is detached; positions 1 and 2 keep d(theta^2) = 2 theta.
            assertThat(theta.getGradient().toDoubleArray())
                    .containsExactly(new double[] {0, 2.0, 0.6, 0, 2.0, 0.8}, within(1e-12));
        }
    }
}
