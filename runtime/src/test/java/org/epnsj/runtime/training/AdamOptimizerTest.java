package org.epnsj.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.epnsj.api.training.AdamSettings;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdamOptimizerTest {

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void twoStepsMatchTorchAdamWithCoupledWeightDecay(String engine) {
        AdamSettings s = new AdamSettings(0.1, 0.01, 0.9, 0.9, 1e-6);
        double[] g1 = {0.5, -2.0};
        double[] g2 = {0.1, 0.3};
        double[] expected = reference(new double[] {1.0, -1.0}, new double[][] {g1, g2}, s);
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            NDArray p = m.create(new double[] {1.0, -1.0});
            try (AdamOptimizer adam = new AdamOptimizer(Map.of("p", p), s)) {
                adam.step(Map.of("p", m.create(g1)));
                adam.step(Map.of("p", m.create(g2)));
                assertThat(adam.steps()).isEqualTo(2);
            }
            assertThat(p.toDoubleArray()).containsExactly(expected, within(1e-12));
        }
    }

    /** torch.optim.Adam, written out: g += wd * p; m, v moments; bias-corrected step. */
    private static double[] reference(double[] p, double[][] grads, AdamSettings s) {
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        double[] x = p.clone();
        for (int t = 1; t <= grads.length; t++) {
            for (int i = 0; i < x.length; i++) {
                double g = grads[t - 1][i] + s.weightDecay() * x[i];
                m[i] = s.beta1() * m[i] + (1 - s.beta1()) * g;
                v[i] = s.beta2() * v[i] + (1 - s.beta2()) * g * g;
                double mHat = m[i] / (1 - Math.pow(s.beta1(), t));
                double vHat = v[i] / (1 - Math.pow(s.beta2(), t));
                x[i] -= s.learningRate() * mHat / (Math.sqrt(vHat) + s.epsilon());
            }
        }
        return x;
    }
}
