package org.epnsj.runtime.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.noise.SeededNoise;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistributionTest {

    private static NDArray f64(NDManager m, double[] v, long... shape) {
        return m.create(v, new Shape(shape));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void normalLogProbAndKlMatchClosedForms(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            Normal q = new Normal(f64(m, new double[] {0.5, -1.0}, 2), f64(m, new double[] {0.3, 2.0}, 2));
            Normal p = new Normal(f64(m, new double[] {0.0, 1.0}, 2), f64(m, new double[] {1.0, 0.5}, 2));
            double[] lp = q.logProb(f64(m, new double[] {0.2, 0.0}, 2)).toDoubleArray();
            assertThat(lp[0]).isCloseTo(logNormal(0.2, 0.5, 0.3), within(1e-12));
            assertThat(lp[1]).isCloseTo(logNormal(0.0, -1.0, 2.0), within(1e-12));
            double[] kl = q.kl(p).toDoubleArray();
            assertThat(kl[0]).isCloseTo(klNormal(0.5, 0.3, 0.0, 1.0), within(1e-12));
            assertThat(kl[1]).isCloseTo(klNormal(-1.0, 2.0, 1.0, 0.5), within(1e-12));
        }
    }

    private static NDArray constant(NDManager m, int n, double value) {
        return m.zeros(new Shape(n), DataType.FLOAT64).add(value);
    }

    private static double logNormal(double x, double mu, double s) {
        return -0.5 * Math.pow((x - mu) / s, 2) - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
    }

    private static double klNormal(double mq, double sq, double mp, double sp) {
        return Math.log(sp / sq) + (sq * sq + (mq - mp) * (mq - mp)) / (2 * sp * sp) - 0.5;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void klAgreesWithMonteCarloEstimate(String engine) {
        // KL(q||p) = E_q[log q - log p]; 200k draws, seed 7: standard error ~0.003, tolerance 0.02.
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            int n = 200_000;
            Normal q = new Normal(constant(m, n, 0.4), constant(m, n, 0.7));
            Normal p = new Normal(constant(m, n, -0.2), constant(m, n, 1.3));
            NDArray z = q.sample(new SeededNoise(7));
            double estimate = q.logProb(z).sub(p.logProb(z)).mean().getDouble();
            assertThat(estimate).isCloseTo(klNormal(0.4, 0.7, -0.2, 1.3), within(0.02));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void isotropicBlockSharesOneSigmaAcrossCoordinates(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            NDArray mean = f64(m, new double[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
            NDArray blockSigma = f64(m, new double[] {0.5, 2.0}, 1, 2, 1);
            NDArray fullSigma = f64(m, new double[] {0.5, 0.5, 0.5, 2, 2, 2}, 1, 2, 3);
            NDArray x = f64(m, new double[] {0, 0, 0, 1, 1, 1}, 1, 2, 3);
            double[] block = new Normal(mean, blockSigma).logProb(x).toDoubleArray();
            double[] full = new Normal(mean, fullSigma).logProb(x).toDoubleArray();
            assertThat(block).containsExactly(full, within(1e-12));
            assertThatThrownBy(() -> new Normal(mean, f64(m, new double[] {1, 1, 1}, 1, 1, 3).reshape(3, 1, 1)))
                    .hasMessageContaining("does not broadcast");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void rsampleIsDifferentiableAndSampleIsNot(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            NDArray mu = f64(m, new double[] {0.1, 0.2, 0.3}, 3);
            NDArray sigma = f64(m, new double[] {1.0, 2.0, 3.0}, 3);
            mu.setRequiresGradient(true);
            sigma.setRequiresGradient(true);
            NDArray eps = new SeededNoise(3).normal(m, new Shape(3), DataType.FLOAT64);
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray z = new Normal(mu, sigma).rsample(new SeededNoise(3));
                gc.backward(z.sum());
            }
            assertThat(mu.getGradient().toDoubleArray()).containsExactly(new double[] {1, 1, 1}, within(1e-12));
            assertThat(sigma.getGradient().toDoubleArray()).containsExactly(eps.toDoubleArray(), within(1e-12));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void categoricalLogProbModeKlAndSampling(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            double[] probs = {0.2, 0.5, 0.3};
            NDArray logits = f64(m, new double[] {Math.log(0.2) + 1, Math.log(0.5) + 1, Math.log(0.3) + 1}, 3, 1)
                    .reshape(1, 3);
            Categorical c = new Categorical(logits, 1);
            assertThat(c.logProb(f64(m, new double[] {2}, 1)).getDouble(0)).isCloseTo(Math.log(0.3), within(1e-12));
            assertThat(c.mode().getDouble(0)).isEqualTo(1.0);
            assertThatThrownBy(c::mean).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("MODE");
            Categorical u = new Categorical(f64(m, new double[] {0, 0, 0}, 1, 3), 1);
            double expectedKl = 0;
            for (double p : probs) {
                expectedKl += p * Math.log(p / (1.0 / 3));
            }
            assertThat(c.kl(u).getDouble(0)).isCloseTo(expectedKl, within(1e-12));

            // Gumbel-max sampling: 20k draws, seed 11; binomial standard error < 0.004, tolerance 0.02.
            int n = 20_000;
            Categorical many = new Categorical(logits.repeat(0, n), 1);
            double[] draws = many.sample(new SeededNoise(11)).toDoubleArray();
            double[] freq = new double[3];
            for (double d : draws) {
                freq[(int) d] += 1.0 / n;
            }
            assertThat(freq).containsExactly(probs, within(0.02));
        }
    }
}
