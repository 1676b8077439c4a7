package org.epnsj.domain.flocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.symmetry.e2.E2xSnElement;
import org.epnsj.symmetry.e2.E2xSnGroup;
import org.epnsj.symmetry.e2.PlanarParticleAction;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class FlockingSimulatorTest {

    private static final int N = 16;
    private static final FlockingConfig STANDARD = FlockingConfig.standard(N);

    private static double[] frame(Trajectory t, int f) {
        return FlockStatistics.widen(t.frame(f));
    }

    private static Trajectory run(FlockingConfig config, long seed, int frames) {
        FlockingSimulator sim = new FlockingSimulator(config);
        SplittableRandom rng = new SplittableRandom(seed);
        return sim.simulate(sim.initialState(rng), frames, rng);
    }

    /**
     * Without noise, alignment turns random headings into one: over seeds 1-8 the polarisation after
     * 10 time units averages above 0.95 (measured 1.000) and exceeds every run's start, while the same
     * flocks without alignment stay disordered (mean below 0.5; measured 0.21).
     */
    @Test
    void zeroNoiseAlignmentOrdersTheFlock() {
        double aligned = 0;
        double unaligned = 0;
        for (long seed = 1; seed <= 8; seed++) {
            Trajectory on = run(STANDARD.withNoise(0), seed, 101);
            double start = FlockStatistics.polarisation(frame(on, 0));
            double end = FlockStatistics.polarisation(frame(on, 100));
            assertThat(end).as("seed %d", seed).isGreaterThan(start);
            aligned += end / 8;
            unaligned += FlockStatistics.polarisation(frame(run(STANDARD.withNoise(0).withAlignment(0), seed, 101), 100)) / 8;
        }
        assertThat(aligned).isGreaterThan(0.95);
        assertThat(unaligned).isLessThan(0.5);
    }

    /**
     * The Morse repulsion keeps neighbours apart: with the standard noise every one of seeds 1-8 has a
     * mean nearest-neighbour distance above 0.5 after 10 time units (measured 0.6-0.8), and without
     * repulsion the attraction collapses the flock below 0.1 (measured at most 0.04).
     */
    @Test
    void repulsionKeepsParticlesApart() {
        for (long seed = 1; seed <= 8; seed++) {
            assertThat(FlockStatistics.meanNearestNeighbourDistance(frame(run(STANDARD, seed, 101), 100)))
                    .as("seed %d", seed).isGreaterThan(0.5);
            assertThat(FlockStatistics.meanNearestNeighbourDistance(
                    frame(run(STANDARD.withRepulsionStrength(0), seed, 101), 100))).as("seed %d without repulsion", seed)
                    .isLessThan(0.1);
        }
    }

    /**
     * With every force off, one Euler–Maruyama step moves x by v dt exactly and turns v by
     * σ sqrt(dt) ξ J v: the change is perpendicular to v, and ξ = (Δv · J v) / (σ sqrt(dt) |v|²) is
     * standard normal. Seed 7, 20,000 draws: the mean of ξ within 0.04 of 0 (5 sd), its variance
     * within 0.05 of 1 (5 sd of 0.01), and a KS test against N(0, 1) with p above 0.001.
     */
    @Test
    void eulerMaruyamaNoiseHasTheStatedStatistics() {
        double sigma = 0.7;
        double dt = 0.01;
        FlockingConfig free = new FlockingConfig(N, 1.0, 0, 0, 2.0, 0, 0.5, 0, 3.0, sigma, dt, 0.1, 2.0);
        FlockingSimulator sim = new FlockingSimulator(free);
        SplittableRandom rng = new SplittableRandom(7);
        int draws = 20_000;
        double[] xi = new double[draws];
        int k = 0;
        while (k < draws) {
            double[] before = sim.initialState(rng).data();
            double[] after = before.clone();
            sim.advance(after, 1, rng);
            for (int i = 0; i < N && k < draws; i++, k++) {
                int o = 4 * i;
                double vx = before[o + 2];
                double vy = before[o + 3];
                assertThat(after[o]).isEqualTo(before[o] + dt * vx);
                assertThat(after[o + 1]).isEqualTo(before[o + 1] + dt * vy);
                double dvx = after[o + 2] - vx;
                double dvy = after[o + 3] - vy;
                assertThat(Math.abs(dvx * vx + dvy * vy)).isLessThan(1e-12);
                xi[k] = (dvx * -vy + dvy * vx) / (sigma * Math.sqrt(dt) * (vx * vx + vy * vy));
            }
        }
        double mean = java.util.Arrays.stream(xi).average().orElseThrow();
        double variance = java.util.Arrays.stream(xi).map(v -> (v - mean) * (v - mean)).sum() / (draws - 1);
        assertThat(mean).isBetween(-0.04, 0.04);
        assertThat(variance).isBetween(0.95, 1.05);
        assertThat(new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(0, 1), xi)).isGreaterThan(1e-3);
    }

    /**
     * The integrator's arithmetic commutes with rigid motions: a rotated and shifted start with the
     * same noise stream gives the rotated and shifted path (to 1e-9 over 200 steps); without noise
     * the same holds for reflections and permutations, whose noise would pair with other particles.
     */
    @Test
    void pathsMoveWithRigidMotionsAndWithEveryElementWithoutNoise() {
        E2xSnGroup group = new E2xSnGroup(N);
        PlanarParticleAction action = PlanarParticleAction.positionsAndVelocities(group, "state");
        DoubleTensor start = new FlockingSimulator(STANDARD).initialState(new SplittableRandom(3));
        E2xSnElement rigid = group.compose(E2xSnElement.translation(3.5, -2), E2xSnElement.rotation(0.9));
        assertThat(pathDifference(STANDARD, action, rigid, start)).isLessThan(1e-9);
        E2xSnElement any = group.compose(E2xSnElement.permutation(3, 0, 2, 1), group.compose(
                E2xSnElement.translation(-1, 4), E2xSnElement.reflection(0.4)));
        assertThat(pathDifference(STANDARD.withNoise(0), action, any, start)).isLessThan(1e-9);
        // The control: with noise, the permuted start pairs the draws with other particles.
        assertThat(pathDifference(STANDARD, action, any, start)).isGreaterThan(1e-3);
    }

    private static double pathDifference(FlockingConfig config, PlanarParticleAction action, E2xSnElement g,
            DoubleTensor start) {
        FlockingSimulator sim = new FlockingSimulator(config);
        double[] plain = start.data().clone();
        double[] moved = action.act(g, start).data();
        sim.advance(plain, 200, new SplittableRandom(11));
        sim.advance(moved, 200, new SplittableRandom(11));
        DoubleTensor expected = action.act(g, new DoubleTensor(start.shape(), plain));
        return expected.maxAbsDifference(new DoubleTensor(start.shape(), moved));
    }

    @Test
    void initialStatesFillTheDiskAtThePreferredSpeed() {
        FlockingSimulator sim = new FlockingSimulator(STANDARD);
        SplittableRandom rng = new SplittableRandom(5);
        double maxRadius = 0;
        for (int s = 0; s < 50; s++) {
            double[] x = sim.initialState(rng).data();
            for (int i = 0; i < N; i++) {
                maxRadius = Math.max(maxRadius, Math.hypot(x[4 * i], x[4 * i + 1]));
                assertThat(Math.hypot(x[4 * i + 2], x[4 * i + 3])).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
            }
        }
        assertThat(maxRadius).isLessThanOrEqualTo(2.0).isGreaterThan(1.9);
    }

    @Test
    void aSeedFixesTheTrajectory() {
        Trajectory a = run(STANDARD, 9, 21);
        Trajectory b = run(STANDARD, 9, 21);
        assertThat(a.frame(20)).containsExactly(b.frame(20));
        assertThat(run(STANDARD, 10, 21).frame(20)).isNotEqualTo(a.frame(20));
    }

    @Test
    void badParametersAndStatesAreNamed() {
        assertThatThrownBy(() -> STANDARD.withNoise(-1)).hasMessageContaining("noise must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> new FlockingConfig(1, 1, 1, 1, 2, 2, 0.5, 1, 3, 0.7, 0.01, 0.1, 2))
                .hasMessageContaining("particles must be >= 2, got 1");
        assertThatThrownBy(() -> new FlockingConfig(N, 1, 1, 1, 2, 2, 0.5, 1, 3, 0.7, 0.03, 0.1, 2))
                .hasMessageContaining("frameInterval must be a whole multiple of timeStep");
        FlockingSimulator sim = new FlockingSimulator(STANDARD);
        double[] bad = new double[N * 4];
        bad[5] = Double.NaN;
        assertThatThrownBy(() -> sim.advance(bad, 1, new SplittableRandom(1)))
                .hasMessageContaining("non-finite value NaN at particle 1, channel 1");
        assertThatThrownBy(() -> sim.simulate(DoubleTensor.zeros(3, 4), 2, new SplittableRandom(1)))
                .hasMessageContaining("state must have shape (16, 4)");
    }
}
