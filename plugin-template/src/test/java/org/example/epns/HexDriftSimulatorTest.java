package org.example.epns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.group.DoubleTensor;
import org.example.epns.hexdrift.HexDriftSimulator;
import org.junit.jupiter.api.Test;

class HexDriftSimulatorTest {

    private final HexDriftSimulator simulator = new HexDriftSimulator(0.1, 2.0, 0.4, 0.5);

    private static double[] turn(double angle, double[] v) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new double[] {c * v[0] - s * v[1], s * v[0] + c * v[1]};
    }

    private double[] driftAt(double[] p) {
        return simulator.drift(p[0], p[1]);
    }

    /** F(R x) = R F(x) for the sixth turns, and not for a twelfth: the symmetry is C6, not SO(2). */
    @Test
    void theDriftTurnsWithTheSixthTurnsOnly() {
        SplittableRandom rng = new SplittableRandom(7);
        double worstSixth = 0;
        double worstTwelfth = 0;
        for (int i = 0; i < 200; i++) {
            double[] p = {rng.nextDouble(-1.5, 1.5), rng.nextDouble(-1.5, 1.5)};
            for (int k = 1; k < 6; k++) {
                double angle = k * Math.PI / 3;
                double[] expected = turn(angle, driftAt(p));
                double[] actual = driftAt(turn(angle, p));
                worstSixth = Math.max(worstSixth, Math.hypot(actual[0] - expected[0], actual[1] - expected[1]));
            }
            double[] expected = turn(Math.PI / 6, driftAt(p));
            double[] actual = driftAt(turn(Math.PI / 6, p));
            worstTwelfth = Math.max(worstTwelfth, Math.hypot(actual[0] - expected[0], actual[1] - expected[1]));
        }
        assertThat(worstSixth).isLessThan(1e-12);
        assertThat(worstTwelfth).isGreaterThan(0.1);
    }

    /**
     * One step from a fixed state, 20,000 times (seed 11): the mean is x + dt F(x) within 4 standard
     * errors and the variance per coordinate sigma^2 dt within 4 % (its standard error is 1 %).
     */
    @Test
    void oneStepHasTheKnownGaussianTransition() {
        SplittableRandom rng = new SplittableRandom(11);
        DoubleTensor start = new DoubleTensor(new long[] {2}, new double[] {0.8, -0.3});
        double[] f = simulator.drift(0.8, -0.3);
        double[] mean = {0.8 + simulator.dt() * f[0], -0.3 + simulator.dt() * f[1]};
        int n = 20_000;
        double[] sum = new double[2];
        double[] squares = new double[2];
        for (int i = 0; i < n; i++) {
            Trajectory t = simulator.simulate(start, 2, rng);
            float[] next = t.frame(1);
            for (int c = 0; c < 2; c++) {
                double e = next[c] - mean[c];
                sum[c] += e;
                squares[c] += e * e;
            }
        }
        double variance = simulator.stepNoise() * simulator.stepNoise();
        for (int c = 0; c < 2; c++) {
            assertThat(sum[c] / n).isCloseTo(0, within(4 * Math.sqrt(variance / n)));
            assertThat(squares[c] / n / variance).isCloseTo(1, within(0.04));
        }
    }
}
