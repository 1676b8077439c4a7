package org.epnsj.domain.flocking.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.assertj.core.data.Offset;
import org.epnsj.runtime.distribution.Normal;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.noise.SeededNoise;
import org.junit.jupiter.api.Test;

/** The heading-frame Gaussian against closed forms, in float64. */
class HeadingFrameNormalTest {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    @Test
    void equalScalesGiveTheIsotropicDensity() {
        try (NDManager m = Engines.newManager(Engines.MXNET, DeviceKind.CPU)) {
            NDArray mean = m.create(new double[] {1, 2, 0.5, -0.5, -3, 0, 0, 2}, new Shape(1, 2, 4));
            NDArray velocity = m.create(new double[] {0.6, 0.8, -2, 1}, new Shape(1, 2, 2));
            NDArray sigma = m.create(new double[] {0.3, 0.3, 0.7, 0.7, 1.1, 1.1, 0.2, 0.2}, new Shape(1, 2, 4));
            NDArray value = m.create(new double[] {1.5, 1, 0, 0, -2, 1, 0.3, 2.2}, new Shape(1, 2, 4));
            double frame = new HeadingFrameNormal(mean, velocity, sigma).logProb(value).sum().getDouble();
            double isotropic = new Normal(mean, sigma).logProb(value).sum().getDouble();
            assertThat(frame).isCloseTo(isotropic, Offset.offset(1e-12));
        }
    }

    /** A particle heading along (0.6, 0.8): a residual across the heading is scored with the across scale. */
    @Test
    void residualsAreScoredAlongAndAcrossTheHeading() {
        try (NDManager m = Engines.newManager(Engines.MXNET, DeviceKind.CPU)) {
            NDArray mean = m.zeros(new Shape(1, 1, 4), ai.djl.ndarray.types.DataType.FLOAT64);
            NDArray velocity = m.create(new double[] {1.2, 1.6}, new Shape(1, 1, 2));
            NDArray sigma = m.create(new double[] {0.1, 2, 0.5, 4}, new Shape(1, 1, 4));
            // Position residual 1 across the heading ((−0.8, 0.6)), velocity residual 2 along it.
            NDArray value = m.create(new double[] {-0.8, 0.6, 1.2, 1.6}, new Shape(1, 1, 4));
            double[] got = new HeadingFrameNormal(mean, velocity, sigma).logProb(value).toDoubleArray();
            double[] want = {
                -Math.log(0.1) - HALF_LOG_TWO_PI,
                -0.5 * Math.pow(1 / 2.0, 2) - Math.log(2) - HALF_LOG_TWO_PI,
                -0.5 * Math.pow(2 / 0.5, 2) - Math.log(0.5) - HALF_LOG_TWO_PI,
                -Math.log(4) - HALF_LOG_TWO_PI};
            assertThat(got).containsExactly(want, Offset.offset(1e-12));
        }
    }

    /**
     * Draws spread with the along and across scales in the heading frame: seed 3, 40,000 draws of one
     * particle heading (1, 1)/√2 with position scales 0.2 along and 1 across; the variances along and
     * across within 5 % (the estimate's sd is 0.7 %), the covariance within 0.02 of 0.
     */
    @Test
    void samplesHaveTheFramesCovariance() {
        int n = 40_000;
        try (NDManager m = Engines.newManager(Engines.MXNET, DeviceKind.CPU)) {
            NDArray mean = m.zeros(new Shape(n, 1, 4), ai.djl.ndarray.types.DataType.FLOAT64);
            NDArray velocity = m.create(new double[] {1, 1}, new Shape(1, 1, 2)).broadcast(new Shape(n, 1, 2));
            NDArray sigma = m.create(new double[] {0.2, 1, 1, 1}, new Shape(1, 1, 4)).broadcast(new Shape(n, 1, 4));
            double[] s = new HeadingFrameNormal(mean, velocity, sigma).sample(new SeededNoise(3)).toDoubleArray();
            double along = 0;
            double across = 0;
            double cross = 0;
            double r = Math.sqrt(0.5);
            for (int i = 0; i < n; i++) {
                double a = r * s[4 * i] + r * s[4 * i + 1];
                double c = -r * s[4 * i] + r * s[4 * i + 1];
                along += a * a / n;
                across += c * c / n;
                cross += a * c / n;
            }
            assertThat(along).isCloseTo(0.04, Offset.offset(0.002));
            assertThat(across).isCloseTo(1.0, Offset.offset(0.05));
            assertThat(cross).isCloseTo(0.0, Offset.offset(0.02));
        }
    }
}
