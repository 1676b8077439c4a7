package org.epnsj.domain.nbody;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.metric.Range;
import org.epnsj.api.spi.EvaluationContext;
import org.epnsj.runtime.rollout.RolloutDivergedException;

/**
 * Spec §5.3: long rollouts from the {@code test_long} initial states, one per trajectory. A run is
 * unstable from the first model step whose total energy rises by more than a threshold over the
 * previous step (decreases never count) or whose state is not finite, and stays unstable.
 *
 * <p>The runtime aborts a whole rollout call when any state becomes non-finite, so runs are sampled
 * in chunks, each starting from the last frame of the previous one. The model is Markov, so the
 * distribution of a chunked run is that of an unbroken one; a divergence only loses the rest of
 * that run, which is unstable from the divergence on anyway.
 */
final class RolloutStability {

    /** Model steps per rollout call. */
    static final int CHUNK_STEPS = 10;

    private final NBodyConfig physics;
    private final double energyJumpThreshold;

    RolloutStability(NBodyConfig physics, double energyJumpThreshold) {
        this.physics = physics;
        this.energyJumpThreshold = energyJumpThreshold;
    }

    /** The metrics {@link #evaluate} reports: optional, as there are none without a {@code test_long} split. */
    static List<Metric> metrics() {
        return List.of(
                Metric.scalar("stabilityRuns", "runs", "long rollouts, one per test_long trajectory")
                        .range(Range.NON_NEGATIVE).asOptional(),
                Metric.scalar("stabilitySteps", "model steps", "length of the long rollouts").range(Range.NON_NEGATIVE)
                        .asOptional(),
                Metric.scalar("stabilityEnergyJumpThreshold", "simulation units", "rise of the total energy in one "
                        + "step that makes a run unstable").range(Range.NON_NEGATIVE).asOptional(),
                Metric.scalar("stabilityNonFiniteRuns", "runs", "long rollouts whose state became non-finite")
                        .range(Range.NON_NEGATIVE).lowerIsBetter().asOptional(),
                Metric.curve("stableFraction", "fraction of runs", "fraction of the long rollouts still stable at each "
                        + "step").range(Range.UNIT_INTERVAL).higherIsBetter().figure("stability").asOptional(),
                Metric.scalar("stableFractionFinal", "fraction of runs", "fraction of the long rollouts stable at the "
                        + "last step").range(Range.UNIT_INTERVAL).higherIsBetter().asOptional());
    }

    /** Adds the {@code stability*} and {@code stableFraction*} metrics to {@code out}. */
    void evaluate(EvaluationContext context, List<Trajectory> starts, Map<String, Object> out) {
        int stride = context.config().stride();
        int frames = starts.stream().mapToInt(Trajectory::length).min().orElseThrow();
        int steps = (frames - 1) / stride;
        if (steps < 1) {
            throw new IllegalArgumentException("split '" + NBodyEvaluator.LONG_SPLIT + "' has trajectories of "
                    + frames + " frames, too short for one model step of " + stride + " frames");
        }
        int[] unstableFrom = new int[starts.size()];
        int diverged = 0;
        for (int r = 0; r < starts.size(); r++) {
            double[] energy = totalEnergies(context, starts.get(r), steps);
            diverged += Double.isNaN(energy[steps]) ? 1 : 0;
            unstableFrom[r] = firstUnstableStep(energy, energyJumpThreshold);
        }
        List<Double> fractions = stableFractions(unstableFrom, steps);
        out.put("stabilityRuns", starts.size());
        out.put("stabilitySteps", steps);
        out.put("stabilityEnergyJumpThreshold", energyJumpThreshold);
        out.put("stabilityNonFiniteRuns", diverged);
        out.put("stableFraction", fractions);
        out.put("stableFractionFinal", fractions.get(steps));
    }

    /**
     * The total energy at model steps 0..steps of one run from frame 0 of {@code start}; NaN from
     * the step at which the state became non-finite on.
     */
    double[] totalEnergies(EvaluationContext context, Trajectory start, int steps) {
        double[] energy = new double[steps + 1];
        energy[0] = FrameEnergy.of(start.frame(0), physics).total();
        Trajectory from = start;
        int fromFrame = 0;
        for (int done = 0; done < steps; ) {
            int chunk = Math.min(CHUNK_STEPS, steps - done);
            Trajectory run;
            try {
                run = context.rollouts(from, fromFrame, chunk, 1).get(0);
            } catch (RolloutDivergedException e) {
                // The step counts from this chunk's start frame, which is finite: at least 1.
                Arrays.fill(energy, done + Math.max(e.step(), 1), steps + 1, Double.NaN);
                return energy;
            }
            for (int s = 1; s <= chunk; s++) {
                energy[done + s] = FrameEnergy.of(run.frame(s), physics).total();
            }
            done += chunk;
            from = run;
            fromFrame = chunk;
        }
        return energy;
    }

    /**
     * The first step t with a non-finite energy or with E_t − E_{t−1} above the threshold;
     * {@code energy.length} if there is none.
     */
    static int firstUnstableStep(double[] energy, double threshold) {
        for (int t = 0; t < energy.length; t++) {
            if (!Double.isFinite(energy[t]) || t > 0 && energy[t] - energy[t - 1] > threshold) {
                return t;
            }
        }
        return energy.length;
    }

    /** For each step 0..steps, the fraction of runs still stable at that step. */
    static List<Double> stableFractions(int[] unstableFrom, int steps) {
        List<Double> out = new ArrayList<>(steps + 1);
        for (int t = 0; t <= steps; t++) {
            int stable = 0;
            for (int u : unstableFrom) {
                stable += u > t ? 1 : 0;
            }
            out.add((double) stable / unstableFrom.length);
        }
        return out;
    }
}
