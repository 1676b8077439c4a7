package org.epnsj.domain.nbody;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.symmetry.e3.E3xSnElement;
import org.epnsj.symmetry.e3.E3xSnGroup;
import org.epnsj.symmetry.e3.ParticleStateAction;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Statistical and timing checks of the simulator; run with {@code -Pslow}. */
@Tag("slow")
class NBodySlowTest {

    private static final int RUNS = 200;
    private static final int FRAME = 100;

    private static RandomGenerator rng(long seed) {
        return RandomGeneratorFactory.of("L64X256MixRandom").create(seed);
    }

    /** |x_a − x_b| at frame {@link #FRAME} over {@link #RUNS} runs, noise seeds base, base + 1, .... */
    private static double[] distances(StochasticNBodySimulator sim, DoubleTensor x0, int a, int b, long base) {
        double[] out = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            float[] f = sim.simulate(x0, FRAME + 1, rng(base + r)).frame(FRAME);
            double s = 0;
            for (int k = 1; k < 4; k++) {
                double d = f[7 * a + k] - f[7 * b + k];
                s += d * d;
            }
            out[r] = Math.sqrt(s);
        }
        return out;
    }

    /**
     * Equivariance in distribution: from x0 and from g·x0 (g a seeded random element of E(3) × S_5,
     * improper), the distance between bodies 1 and 2 (tracked through the permutation) at t = 1 has the
     * same distribution. Two-sample KS, 200 runs each, independent noise seeds; the test demands
     * p &gt; 0.01, and the negative control (another x0) p &lt; 1e-6.
     */
    @Test
    void distributionIsEquivariant() {
        StochasticNBodySimulator sim = new StochasticNBodySimulator();
        E3xSnGroup group = new E3xSnGroup(5);
        DoubleTensor x0 = sim.initialState(rng(31));
        E3xSnElement g = group.sample(rng(32));
        if (g.determinant() > 0) {
            g = group.compose(group.testingElements().get(6), g);
        }
        DoubleTensor gx0 = ParticleStateAction.nBody(group).act(g, x0);
        double[] base = distances(sim, x0, 1, 2, 1000);
        double[] moved = distances(sim, gx0, g.slotOf(1), g.slotOf(2), 5000);
        double[] other = distances(sim, sim.initialState(rng(33)), 1, 2, 9000);
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        double p = ks.kolmogorovSmirnovTest(base, moved);
        double pControl = ks.kolmogorovSmirnovTest(base, other);
        System.out.printf("KS equivariance: D = %.3f, p = %.3f; control D = %.3f, p = %.2e%n",
                ks.kolmogorovSmirnovStatistic(base, moved), p, ks.kolmogorovSmirnovStatistic(base, other), pControl);
        assertThat(p).isGreaterThan(0.01);
        assertThat(pControl).isLessThan(1e-6);
    }

    /** Prints frames per second for 1001-frame trajectories of the standard configuration. */
    @Test
    void throughput() {
        StochasticNBodySimulator sim = new StochasticNBodySimulator();
        RandomGenerator rng = rng(41);
        sim.simulate(sim.initialState(rng), 1001, rng); // warm-up
        int trajectories = 10;
        long start = System.nanoTime();
        long frames = 0;
        for (int i = 0; i < trajectories; i++) {
            FloatTrajectory t = sim.simulate(sim.initialState(rng), 1001, rng);
            frames += t.length() - 1;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("simulator throughput: %.0f frames/s (%.0f steps/s), %.3f s per 1001-frame trajectory%n",
                frames / seconds, frames * 100 / seconds, seconds / trajectories);
        assertThat(frames).isEqualTo(10_000);
    }
}
