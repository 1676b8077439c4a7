package org.epnsj.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.epnsj.api.training.AdamSettings;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.api.Test;
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
                assertThat(adam.step(Map.of("p", m.create(g1)), norm(g1))).isFalse();
                assertThat(adam.step(Map.of("p", m.create(g2)), norm(g2))).isFalse();
                assertThat(adam.steps()).isEqualTo(2);
            }
            assertThat(p.toDoubleArray()).containsExactly(expected, within(1e-12));
        }
    }

    @Test
    void aSpikeAboveTheClipFactorTimesTheRecentMedianIsScaledDownToIt() {
        AdamSettings s = new AdamSettings(0.01, 0.0, 0.9, 0.9, 1e-6).withGradientClipFactor(4);
        // Norms 1, 2, 3, ... before the spike: the median of the first 20 is 10.5, so the limit is 42.
        int warm = 20;
        double[][] grads = new double[warm + 2][];
        for (int i = 0; i < warm; i++) {
            grads[i] = new double[] {0.6 * (i + 1), -0.8 * (i + 1)};
        }
        grads[warm] = new double[] {600, 800};
        grads[warm + 1] = new double[] {0.3, 0.4};
        double[][] expectedGradients = grads.clone();
        expectedGradients[warm] = new double[] {0.6 * 42, 0.8 * 42};
        // The median now includes the spike's raw norm 1000: of 1..20 and 1000, 11; limit 44, so 0.5 passes.
        double[] expected = reference(new double[] {1.0, -1.0}, expectedGradients, s);
        try (NDManager m = Engines.newManager("pytorch", DeviceKind.CPU)) {
            NDArray p = m.create(new double[] {1.0, -1.0});
            try (AdamOptimizer adam = new AdamOptimizer(Map.of("p", p), s)) {
                for (int i = 0; i < warm; i++) {
                    assertThat(adam.step(Map.of("p", m.create(grads[i])), norm(grads[i]))).as("step " + i).isFalse();
                }
                assertThat(adam.clipLimit()).isCloseTo(42, within(1e-12));
                assertThat(adam.step(Map.of("p", m.create(grads[warm])), 1000)).isTrue();
                assertThat(adam.clipLimit()).isCloseTo(44, within(1e-12));
                assertThat(adam.step(Map.of("p", m.create(grads[warm + 1])), 0.5)).isFalse();
            }
            assertThat(p.toDoubleArray()).containsExactly(expected, within(1e-12));
        }
    }

    @Test
    void clippingWaitsForItsWarmUpAndIsOffWithoutAFactor() {
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            NDArray p = m.create(new double[] {1.0});
            try (AdamOptimizer off = new AdamOptimizer(Map.of("p", p), new AdamSettings(0.01, 0, 0.9, 0.9, 1e-6));
                    AdamOptimizer on = new AdamOptimizer(Map.of("p", p),
                            new AdamSettings(0.01, 0, 0.9, 0.9, 1e-6).withGradientClipFactor(1))) {
                for (int i = 0; i < 40; i++) {
                    double g = i % 7 == 6 ? 1e6 : 1;
                    assertThat(off.step(Map.of("p", m.create(new double[] {g})), g)).isFalse();
                    boolean clipped = on.step(Map.of("p", m.create(new double[] {g})), g);
                    // Within the warm-up nothing is clipped; after it, exactly the spikes are.
                    assertThat(clipped).as("step " + i).isEqualTo(i >= AdamOptimizer.CLIP_WARMUP && g > 1);
                }
                assertThat(off.recentGradientNorms()).isEmpty();
                assertThat(on.recentGradientNorms()).hasSize(40);
                assertThat(off.clipLimit()).isInfinite();
            }
        }
    }

    @Test
    void theRecentNormsKeepTheWindowAndRejectNonFiniteNorms() {
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            NDArray p = m.create(new double[] {1.0});
            try (AdamOptimizer adam = new AdamOptimizer(Map.of("p", p),
                    new AdamSettings(0.01, 0, 0.9, 0.9, 1e-6).withGradientClipFactor(3))) {
                for (int i = 0; i < AdamOptimizer.CLIP_WINDOW + 10; i++) {
                    adam.step(Map.of("p", m.create(new double[] {1})), i);
                }
                double[] norms = adam.recentGradientNorms();
                assertThat(norms).hasSize(AdamOptimizer.CLIP_WINDOW);
                assertThat(norms[0]).isEqualTo(10);
                assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> adam.step(Map.of("p", m.create(new double[] {1})), Double.NaN)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gradient norm");
            }
        }
    }

    private static double norm(double[] g) {
        return Math.sqrt(java.util.Arrays.stream(g).map(v -> v * v).sum());
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
