package org.epnsj.domain.nbody;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.Trajectory;
import org.epnsj.runtime.rollout.RolloutDivergedException;
import org.junit.jupiter.api.Test;

class RolloutStabilityTest {

    /** The tiny preset's test_long length: 20 model steps, so two rollout chunks per run. */
    private static final int LONG_FRAMES = NBodyPresets.tiny().splits().get("test_long").frames();
    private static final int STEPS = (LONG_FRAMES - 1) / FakeEvaluationContext.STRIDE;

    /** Two unit masses 5 apart, body 1 at rest, body 0 moving along x with kinetic energy {@code ke}. */
    private static float[] state(double ke) {
        return new float[] {1, 0, 0, 0, (float) Math.sqrt(2 * ke), 0, 0, 1, 3, 4, 0, 0, 0, 0};
    }

    private static double energy(float[] frame) {
        return FrameEnergy.of(frame, NBodyConfig.standard()).total();
    }

    /**
     * A scripted model: run r's state at global model step g has kinetic energy {@code ke.get(r)(g)},
     * and the call that would reach {@code divergeAt.get(r)} throws. It tracks which run and global
     * step every trajectory it returned belongs to, so chunks can restart from any earlier output.
     */
    private static final class Scripted implements FakeEvaluationContext.Rollouts {
        private final List<IntToDoubleFunction> ke;
        private final List<Integer> divergeAt;
        private final Map<Trajectory, int[]> runAndOffset = new IdentityHashMap<>();
        final List<int[]> calls = new ArrayList<>();
        final List<Trajectory> starts = new ArrayList<>();

        Scripted(List<IntToDoubleFunction> ke, List<Integer> divergeAt) {
            this.ke = ke;
            this.divergeAt = divergeAt;
            for (int r = 0; r < ke.size(); r++) {
                float[] data = new float[LONG_FRAMES * 14];
                for (int f = 0; f < LONG_FRAMES; f++) {
                    System.arraycopy(state(ke.get(r).applyAsDouble(0)), 0, data, f * 14, 14);
                }
                Trajectory t = new FloatTrajectory(new long[] {2, 7}, LONG_FRAMES, data);
                starts.add(t);
                // Data frames after 0 are never used as model starts; offset 0 maps frame 0 to step 0.
                runAndOffset.put(t, new int[] {r, 0});
            }
        }

        @Override
        public List<Trajectory> sample(Trajectory start, int startFrame, int steps, int samples) {
            int[] ro = runAndOffset.get(start);
            int run = ro[0];
            int from = ro[1] + startFrame;
            calls.add(new int[] {run, from, startFrame, steps, samples});
            int d = divergeAt.get(run);
            if (d > from && d <= from + steps) {
                throw new RolloutDivergedException(d - from);
            }
            float[] data = new float[(steps + 1) * 14];
            for (int s = 0; s <= steps; s++) {
                System.arraycopy(state(ke.get(run).applyAsDouble(from + s)), 0, data, s * 14, 14);
            }
            Trajectory out = new FloatTrajectory(new long[] {2, 7}, steps + 1, data);
            runAndOffset.put(out, new int[] {run, from});
            return List.of(out);
        }
    }

    private static Map<String, Object> evaluate(Scripted model, double threshold) {
        var context = new FakeEvaluationContext(Map.of("test_long", model.starts), model, 0);
        Map<String, Object> out = new LinkedHashMap<>();
        new RolloutStability(NBodyConfig.standard(), threshold).evaluate(context, model.starts, out);
        return out;
    }

    private static List<Double> curve(double... pieces) {
        // pieces: value, first step of the next value, value, ...
        List<Double> out = new ArrayList<>();
        int piece = 0;
        for (int t = 0; t <= STEPS; t++) {
            while (piece + 1 < pieces.length && t >= pieces[piece + 1]) {
                piece += 2;
            }
            out.add(pieces[piece]);
        }
        return out;
    }

    @Test
    void energyJumpsAboveTheThresholdMakeRunsUnstableFromThatStepOn() {
        Scripted model = new Scripted(List.of(
                g -> 40,                                 // steady
                g -> g >= 11 ? 65 : 40,                  // +25 at step 11, just after the chunk boundary
                g -> g >= 5 ? 65 : 40,                   // +25 at step 5
                g -> 70 + 19 * (g % 2) - 30 * (g / 10)), // +19 rises and a −30 drop: never unstable
                List.of(-1, -1, -1, -1));
        Map<String, Object> m = evaluate(model, 20);

        assertThat(m.get("stabilityRuns")).isEqualTo(4);
        assertThat(m.get("stabilitySteps")).isEqualTo(20);
        assertThat(m.get("stabilityEnergyJumpThreshold")).isEqualTo(20.0);
        assertThat(m.get("stabilityNonFiniteRuns")).isEqualTo(0);
        assertThat(m.get("stableFraction")).isEqualTo(curve(1.0, 5, 0.75, 11, 0.5));
        assertThat(m.get("stableFractionFinal")).isEqualTo(0.5);
        // Each run: two chunks of 10 steps, the second from the last frame of the first.
        assertThat(model.calls).hasSize(8).allSatisfy(c -> {
            assertThat(c[3]).isEqualTo(RolloutStability.CHUNK_STEPS);
            assertThat(c[4]).isEqualTo(1);
            assertThat(c[2]).isEqualTo(c[1] == 0 ? 0 : 10);
        });
    }

    @Test
    void aLowerThresholdCountsSmallerJumps() {
        Scripted model = new Scripted(List.of(g -> 40 + 19 * (g % 2)), List.of(-1));
        assertThat(evaluate(model, 10).get("stableFraction")).isEqualTo(curve(1.0, 1, 0.0));
    }

    @Test
    void aDivergedRolloutIsUnstableFromTheStepItReports() {
        Scripted model = new Scripted(List.of(g -> 40, g -> 40), List.of(13, -1));
        Map<String, Object> m = evaluate(model, 20);
        assertThat(m.get("stableFraction")).isEqualTo(curve(1.0, 13, 0.5));
        assertThat(m.get("stabilityNonFiniteRuns")).isEqualTo(1);
    }

    @Test
    void firstUnstableStepCountsOnlyRisesAboveTheThresholdAndNonFiniteEnergies() {
        assertThat(RolloutStability.firstUnstableStep(new double[] {10, -30, -60, -59}, 20)).isEqualTo(4);
        assertThat(RolloutStability.firstUnstableStep(new double[] {0, 20, 40, 60.5}, 20)).isEqualTo(3);
        assertThat(RolloutStability.firstUnstableStep(new double[] {0, -100, -50}, 20)).isEqualTo(2);
        assertThat(RolloutStability.firstUnstableStep(new double[] {0, 1, Double.NaN, 1}, 20)).isEqualTo(2);
        assertThat(RolloutStability.firstUnstableStep(new double[] {0, Double.POSITIVE_INFINITY}, 20)).isEqualTo(1);
    }

    @Test
    void stableFractionsCountRunsStillStableAtEachStep() {
        assertThat(RolloutStability.stableFractions(new int[] {4, 1, 2, 4}, 3)).containsExactly(1.0, 0.75, 0.5, 0.5);
    }

    @Test
    void theScriptedStatesHaveTheScriptedEnergy() {
        // Guards the fake: the state's energy moves one-for-one with the scripted kinetic energy.
        assertThat(energy(state(65)) - energy(state(40))).isCloseTo(25, org.assertj.core.data.Offset.offset(1e-4));
    }
}
