package org.epnsj.domain.nbody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.symmetry.e3.E3xSnElement;
import org.epnsj.symmetry.e3.E3xSnGroup;
import org.epnsj.symmetry.e3.ParticleStateAction;
import org.junit.jupiter.api.Test;

class StochasticNBodySimulatorTest {

    private static RandomGenerator rng(long seed) {
        return RandomGeneratorFactory.of("L64X256MixRandom").create(seed);
    }

    @Test
    void initialStateFollowsTheSpec() {
        StochasticNBodySimulator sim = new StochasticNBodySimulator();
        DoubleTensor x0 = sim.initialState(rng(1));
        assertThat(x0.shape()).containsExactly(5, 7);
        double[] s = x0.data();
        double[] com = new double[3];
        for (int i = 0; i < 5; i++) {
            assertThat(s[7 * i]).isBetween(0.5, 1.5);
            for (int k = 0; k < 3; k++) {
                com[k] += s[7 * i] * s[7 * i + 1 + k];
            }
        }
        assertThat(com).containsExactly(new double[] {0, 0, 0}, org.assertj.core.data.Offset.offset(1e-14));
        assertThat(NBodyDiagnostics.momentum(s)).containsExactly(new double[] {0, 0, 0},
                org.assertj.core.data.Offset.offset(1e-14));
    }

    /**
     * σ = 0, seed 3, 10 time units (1000 frames of 100 steps): measured max |ΔE/E0| = 5.1e-6 and max
     * |P| = 3.7e-14 (the pairwise forces cancel up to rounding).
     */
    @Test
    void deterministicSystemConservesEnergyAndMomentum() {
        StochasticNBodySimulator sim = new StochasticNBodySimulator(NBodyConfig.standard().withNoiseScale(0));
        double[] state = sim.initialState(rng(3)).data().clone();
        double e0 = NBodyDiagnostics.totalEnergy(state, 1, 0.1);
        double maxDrift = 0;
        double maxMomentum = 0;
        for (int f = 0; f < 1000; f++) {
            sim.advance(state, 100, rng(0));
            double e = NBodyDiagnostics.totalEnergy(state, 1, 0.1);
            maxDrift = Math.max(maxDrift, Math.abs((e - e0) / e0));
            for (double p : NBodyDiagnostics.momentum(state)) {
                maxMomentum = Math.max(maxMomentum, Math.abs(p));
            }
        }
        System.out.printf("sigma=0, 10 time units: max |dE/E0| = %.3e, max |P| = %.3e%n", maxDrift, maxMomentum);
        assertThat(maxDrift).isLessThan(1e-4);
        assertThat(maxMomentum).isLessThan(1e-12);
    }

    @Test
    void float32TrajectoryKeepsEnergyWithinTolerance() {
        StochasticNBodySimulator sim = new StochasticNBodySimulator(NBodyConfig.standard().withNoiseScale(0));
        FloatTrajectory traj = sim.simulate(sim.initialState(rng(4)), 1001, rng(5));
        assertThat(traj.length()).isEqualTo(1001);
        assertThat(traj.frameShape()).containsExactly(5, 7);
        double e0 = NBodyDiagnostics.totalEnergy(NBodyDiagnostics.widen(traj.frame(0)), 1, 0.1);
        double eEnd = NBodyDiagnostics.totalEnergy(NBodyDiagnostics.widen(traj.frame(1000)), 1, 0.1);
        assertThat(Math.abs((eEnd - e0) / e0)).isLessThan(1e-4);
        // Masses are static.
        for (int i = 0; i < 5; i++) {
            assertThat(traj.frame(1000)[7 * i]).isEqualTo(traj.frame(0)[7 * i]);
        }
    }

    @Test
    void sameSeedGivesIdenticalArraysAndDifferentSeedsDiffer() {
        StochasticNBodySimulator sim = new StochasticNBodySimulator();
        DoubleTensor x0 = sim.initialState(rng(8));
        float[] a = sim.simulate(x0, 51, rng(100)).data();
        float[] b = sim.simulate(x0, 51, rng(100)).data();
        float[] c = sim.simulate(x0, 51, rng(101)).data();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(sim.initialState(rng(8))).isEqualTo(x0);
        assertThat(sim.initialState(rng(9))).isNotEqualTo(x0);
    }

    /**
     * G = 0: velocity increments over one frame (0.01) are sums of 200 half-kick normals, variance
     * σ² · 0.01 = 1e-4 per coordinate. Seed 12, 2000 frames × 15 coordinates = 30000 increments: the
     * variance estimate has relative sd sqrt(2/30000) ≈ 0.8 %; tolerance 5 %.
     */
    @Test
    void noiseHasTheSpecifiedScale() {
        NBodyConfig config = NBodyConfig.standard().withGravity(0);
        StochasticNBodySimulator sim = new StochasticNBodySimulator(config);
        FloatTrajectory traj = sim.simulate(sim.initialState(rng(11)), 2001, rng(12));
        double sum = 0;
        double sumSq = 0;
        int count = 0;
        float[] prev = traj.frame(0);
        for (int t = 1; t < traj.length(); t++) {
            float[] cur = traj.frame(t);
            for (int i = 0; i < 5; i++) {
                for (int k = 4; k < 7; k++) {
                    double d = (double) cur[7 * i + k] - prev[7 * i + k];
                    sum += d;
                    sumSq += d * d;
                    count++;
                }
            }
            prev = cur;
        }
        double mean = sum / count;
        double variance = sumSq / count - mean * mean;
        double expected = 0.1 * 0.1 * 0.01;
        assertThat(variance / expected).isBetween(0.95, 1.05);
        // Mean increment 0 with sd 0.01/sqrt(30000) ≈ 5.8e-5.
        assertThat(Math.abs(mean)).isLessThan(3e-4);
    }

    @Test
    void withoutGravityOrNoisePositionsMoveInStraightLines() {
        StochasticNBodySimulator sim = new StochasticNBodySimulator(
                NBodyConfig.standard().withGravity(0).withNoiseScale(0));
        DoubleTensor x0 = sim.initialState(rng(2));
        float[] end = sim.simulate(x0, 11, rng(3)).frame(10);
        double[] s = x0.data();
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 3; k++) {
                assertThat((double) end[7 * i + 1 + k]).isCloseTo(s[7 * i + 1 + k] + 0.1 * s[7 * i + 4 + k],
                        org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    /**
     * With σ = 0 the flow commutes with every testing element of E(3) × S_5 (incl. reflections and
     * body permutations): one time unit in float64, tolerance 1e-9 (summation order differs under
     * permutations, so equality is up to rounding amplified by the dynamics).
     */
    @Test
    void deterministicFlowIsEquivariant() {
        StochasticNBodySimulator sim = new StochasticNBodySimulator(NBodyConfig.standard().withNoiseScale(0));
        E3xSnGroup group = new E3xSnGroup(5);
        ParticleStateAction action = ParticleStateAction.nBody(group);
        DoubleTensor x0 = sim.initialState(rng(6));
        double[] end = x0.data().clone();
        sim.advance(end, 10_000, rng(0));
        double worst = 0;
        for (E3xSnElement g : group.testingElements()) {
            double[] moved = action.act(g, x0).data().clone();
            sim.advance(moved, 10_000, rng(0));
            DoubleTensor expected = action.act(g, new DoubleTensor(new long[] {5, 7}, end));
            worst = Math.max(worst, expected.maxAbsDifference(new DoubleTensor(new long[] {5, 7}, moved)));
        }
        System.out.printf("sigma=0 flow, 1 time unit: max equivariance error %.2e%n", worst);
        assertThat(worst).isLessThan(1e-9);
    }

    @Test
    void invalidInputsAreRejectedWithTheFieldName() {
        StochasticNBodySimulator sim = new StochasticNBodySimulator();
        assertThatThrownBy(() -> sim.simulate(DoubleTensor.zeros(4, 7), 3, rng(1))).hasMessageContaining("(5, 7)");
        assertThatThrownBy(() -> sim.simulate(DoubleTensor.zeros(5, 7), 3, rng(1))).hasMessageContaining("mass of body 0");
        assertThatThrownBy(() -> new NBodyConfig(5, 1, 0.1, 0.1, 1e-4, 0.01005)).hasMessageContaining("frameInterval");
        assertThatThrownBy(() -> NBodyConfig.standard().withNoiseScale(-1)).hasMessageContaining("noiseScale");
        assertThat(NBodyConfig.standard().stepsPerFrame()).isEqualTo(100);
        assertThat(sim.parameters()).containsEntry("softening", 0.1).containsEntry("noiseScale", 0.1);
    }
}
