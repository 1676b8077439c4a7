package org.epnsj.domain.flocking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.metric.Range;
import org.epnsj.api.spi.EvaluationContext;
import org.epnsj.runtime.rollout.RolloutDivergedException;

/**
 * Long rollouts from the {@code test_long} initial states, one per trajectory, and the same test on
 * the simulated trajectories themselves. A run is unstable from the first model step at which the
 * flock <em>blows up</em> (a non-finite value, or a swarm radius above {@code radiusBound}) or
 * <em>splits</em> (joining the particles closer than {@code interactionRadius} leaves more than one
 * connected component), and stays unstable.
 *
 * <p>The runtime aborts a whole rollout call when a state becomes non-finite, so runs are sampled in
 * chunks, each from the last frame of the previous one; the model is Markov, so a chunked run has the
 * distribution of an unbroken one.
 */
final class SwarmStability {

    /** Model steps per rollout call. */
    static final int CHUNK_STEPS = 10;

    /** Why and when a run became unstable. */
    enum Outcome { STABLE, SPLIT, BLOW_UP }

    /** The first unstable step of a run ({@code steps + 1} if none) and why. */
    record Verdict(int unstableFrom, Outcome outcome) {}

    private final double interactionRadius;
    private final double radiusBound;

    SwarmStability(double interactionRadius, double radiusBound) {
        this.interactionRadius = interactionRadius;
        this.radiusBound = radiusBound;
    }

    /** The metrics {@link #evaluate} reports: optional, as there are none without a {@code test_long} split. */
    static List<Metric> metrics() {
        return List.of(
                Metric.scalar("stabilityRuns", "runs", "long rollouts, one per test_long trajectory")
                        .range(Range.NON_NEGATIVE).asOptional(),
                Metric.scalar("stabilitySteps", "model steps", "length of the long rollouts").range(Range.NON_NEGATIVE)
                        .asOptional(),
                Metric.scalar("stabilityInteractionRadius", "length units", "particles closer than this are joined "
                        + "when counting a flock's components").range(Range.NON_NEGATIVE).asOptional(),
                Metric.scalar("stabilityRadiusBound", "length units", "a swarm radius above this is a blow-up")
                        .range(Range.NON_NEGATIVE).asOptional(),
                Metric.scalar("stabilitySplitRuns", "runs", "long rollouts that split into several flocks")
                        .range(Range.NON_NEGATIVE).lowerIsBetter().asOptional(),
                Metric.scalar("stabilityBlowUpRuns", "runs", "long rollouts that blew up").range(Range.NON_NEGATIVE)
                        .lowerIsBetter().asOptional(),
                Metric.curve("stableFraction", "fraction of runs", "fraction of the long rollouts still stable at each "
                        + "step").range(Range.UNIT_INTERVAL).higherIsBetter().reference("dataStableFraction")
                        .figure("stability").asOptional(),
                Metric.scalar("stableFractionFinal", "fraction of runs", "fraction of the long rollouts stable at the "
                        + "last step").range(Range.UNIT_INTERVAL).higherIsBetter().asOptional(),
                Metric.curve("dataStableFraction", "fraction of runs", "fraction of the test_long trajectories stable "
                        + "at each step").range(Range.UNIT_INTERVAL).asOptional(),
                Metric.scalar("dataStableFractionFinal", "fraction of runs", "fraction of the test_long trajectories "
                        + "stable at the last step").range(Range.UNIT_INTERVAL).asOptional());
    }

    /** Adds the {@code stability*}, {@code stableFraction*} and {@code dataStableFraction*} metrics to {@code out}. */
    void evaluate(EvaluationContext context, List<Trajectory> starts, Map<String, Object> out) {
        int stride = context.config().stride();
        int frames = starts.stream().mapToInt(Trajectory::length).min().orElseThrow();
        int steps = (frames - 1) / stride;
        if (steps < 1) {
            throw new IllegalArgumentException("split '" + FlockingEvaluator.LONG_SPLIT + "' has trajectories of "
                    + frames + " frames, too short for one model step of " + stride + " frames");
        }
        int[] model = new int[starts.size()];
        int[] data = new int[starts.size()];
        int splits = 0;
        int blowUps = 0;
        for (int r = 0; r < starts.size(); r++) {
            Verdict v = modelRun(context, starts.get(r), steps);
            model[r] = v.unstableFrom();
            splits += v.outcome() == Outcome.SPLIT ? 1 : 0;
            blowUps += v.outcome() == Outcome.BLOW_UP ? 1 : 0;
            List<float[]> truth = new ArrayList<>();
            for (int s = 0; s <= steps; s++) {
                truth.add(starts.get(r).frame(s * stride));
            }
            data[r] = classify(truth).unstableFrom();
        }
        List<Double> fractions = stableFractions(model, steps);
        List<Double> dataFractions = stableFractions(data, steps);
        out.put("stabilityRuns", starts.size());
        out.put("stabilitySteps", steps);
        out.put("stabilityInteractionRadius", interactionRadius);
        out.put("stabilityRadiusBound", radiusBound);
        out.put("stabilitySplitRuns", splits);
        out.put("stabilityBlowUpRuns", blowUps);
        out.put("stableFraction", fractions);
        out.put("stableFractionFinal", fractions.get(steps));
        out.put("dataStableFraction", dataFractions);
        out.put("dataStableFractionFinal", dataFractions.get(steps));
    }

    /** One model run of {@code steps} steps from frame 0 of {@code start}, classified. */
    Verdict modelRun(EvaluationContext context, Trajectory start, int steps) {
        List<float[]> frames = new ArrayList<>();
        frames.add(start.frame(0));
        Trajectory from = start;
        int fromFrame = 0;
        for (int done = 0; done < steps; ) {
            int chunk = Math.min(CHUNK_STEPS, steps - done);
            Trajectory run;
            try {
                run = context.rollouts(from, fromFrame, chunk, 1).get(0);
            } catch (RolloutDivergedException e) {
                // The step counts from this chunk's start frame, which is finite: at least 1.
                Verdict before = classify(frames);
                int diverged = done + Math.max(e.step(), 1);
                return before.unstableFrom() < frames.size() ? before : new Verdict(diverged, Outcome.BLOW_UP);
            }
            for (int s = 1; s <= chunk; s++) {
                frames.add(run.frame(s));
            }
            done += chunk;
            from = run;
            fromFrame = chunk;
        }
        return classify(frames);
    }

    /** The first unstable frame of a run (frames.size() if none) and why. */
    Verdict classify(List<float[]> frames) {
        for (int t = 0; t < frames.size(); t++) {
            double[] frame = FlockStatistics.widen(frames.get(t));
            double radius = FlockStatistics.radius(frame);
            if (!(radius <= radiusBound)) {
                return new Verdict(t, Outcome.BLOW_UP);
            }
            if (FlockStatistics.components(frame, interactionRadius) > 1) {
                return new Verdict(t, Outcome.SPLIT);
            }
        }
        return new Verdict(frames.size(), Outcome.STABLE);
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
