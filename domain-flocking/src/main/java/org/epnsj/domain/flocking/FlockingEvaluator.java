package org.epnsj.domain.flocking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.metric.Range;
import org.epnsj.api.spi.DomainEvaluator;
import org.epnsj.api.spi.EvaluationContext;

/**
 * The flocking metrics. Frames are (N, 4) with channels [x, y, vx, vy]; model rollouts have one frame
 * per model step of {@code stride} data frames.
 *
 * <p>Metric keys, in this order:
 * <ul>
 *   <li>Log-likelihood (split {@code test}): {@code testNegativeElbo} (teacher-forced negative ELBO,
 *       nats per model transition), {@code testModelStepsPerTrajectory}, {@code testLogLikelihood}
 *       (−testNegativeElbo × steps: the ELBO lower bound on the log-likelihood of a whole trajectory),
 *       {@code testLogLikelihoodUnit}.
 *   <li>Distribution match (split {@code test_same_init}, model rolled out from the shared frame 0 for
 *       S = (T − 1) // stride steps): {@code ksModelSamples}, {@code ksTruthSamples},
 *       {@code ksRolloutSteps}, {@code ksSteps} (S/4, S/2, S); lists aligned with {@code ksSteps}:
 *       {@code ks{Polarisation,NearestNeighbourDistance,Radius}{Statistic,PValue}} (the polarisation
 *       |mean unit velocity|, the mean over particles of the distance to the nearest other particle,
 *       the RMS distance to the centroid); only if the rollout diverged, {@code ksRolloutDivergedAtStep}
 *       (the KS values are then NaN); lists over model steps 0..S:
 *       {@code polarisation{Model,Truth}{Median,Q10,Q90}}.
 *   <li>Stability (split {@code test_long}, one rollout per trajectory, see {@link SwarmStability}):
 *       {@code stabilityRuns}, {@code stabilitySteps}, {@code stabilityInteractionRadius},
 *       {@code stabilityRadiusBound}, {@code stabilitySplitRuns}, {@code stabilityBlowUpRuns},
 *       {@code stableFraction} (per model step 0..steps), {@code stableFractionFinal}, and the same
 *       test on the simulated trajectories, {@code dataStableFraction}, {@code dataStableFractionFinal};
 *       without a {@code test_long} split only {@code stabilitySkipped} (the reason).
 * </ul>
 */
public final class FlockingEvaluator implements DomainEvaluator {

    /** Default number of model rollouts for the KS comparison. */
    public static final int DEFAULT_MODEL_SAMPLES = 100;
    /**
     * Particles closer than this are joined when counting a flock's components: two thirds of the
     * Morse attraction range ℓ_a = 3, about three nearest-neighbour distances. None of 40 simulated
     * 401-frame flocks of 16 particles split at it, nor any trajectory of the tiny and cpu data.
     */
    public static final double DEFAULT_INTERACTION_RADIUS = 2.0;
    /** A swarm radius above this is a blow-up: about 15 times the simulated flocks' 1.3-1.5. */
    public static final double DEFAULT_RADIUS_BOUND = 20.0;

    static final String TEST_SPLIT = "test";
    static final String SAME_INIT_SPLIT = "test_same_init";
    static final String LONG_SPLIT = "test_long";

    private final SwarmDistributionComparison distribution;
    private final SwarmStability stability;

    /** An evaluator with the default settings. */
    public FlockingEvaluator() {
        this(DEFAULT_MODEL_SAMPLES, DEFAULT_INTERACTION_RADIUS, DEFAULT_RADIUS_BOUND);
    }

    /**
     * An evaluator with explicit settings.
     *
     * @param modelSamples model rollouts in the KS comparison, at least 1 (raised to the size of
     *     {@code test_same_init} if that is larger)
     * @param interactionRadius the distance below which two particles are connected, positive
     * @param radiusBound the swarm radius above which a run has blown up, positive
     */
    public FlockingEvaluator(int modelSamples, double interactionRadius, double radiusBound) {
        if (modelSamples < 1) {
            throw new IllegalArgumentException("modelSamples must be >= 1, got " + modelSamples);
        }
        if (!(interactionRadius > 0) || Double.isInfinite(interactionRadius)) {
            throw new IllegalArgumentException("interactionRadius must be finite and > 0, got " + interactionRadius);
        }
        if (!(radiusBound > 0) || Double.isInfinite(radiusBound)) {
            throw new IllegalArgumentException("radiusBound must be finite and > 0, got " + radiusBound);
        }
        this.distribution = new SwarmDistributionComparison(modelSamples);
        this.stability = new SwarmStability(interactionRadius, radiusBound);
    }

    @Override
    public Map<String, Object> evaluate(EvaluationContext context) {
        List<Trajectory> test = required(context, TEST_SPLIT);
        List<Trajectory> sameInit = required(context, SAME_INIT_SPLIT);
        List<Trajectory> longRuns = context.split(LONG_SPLIT);
        longRuns.forEach(t -> checkLayout(LONG_SPLIT, t));

        Map<String, Object> out = new LinkedHashMap<>();
        int stride = context.config().stride();
        double negativeElbo = context.negativeElbo(TEST_SPLIT);
        double steps = test.stream().mapToInt(t -> (t.length() - 1) / stride).average().orElseThrow();
        out.put("testNegativeElbo", negativeElbo);
        out.put("testModelStepsPerTrajectory", steps);
        out.put("testLogLikelihood", -negativeElbo * steps);
        out.put("testLogLikelihoodUnit", "nats per test trajectory (single-sample ELBO, a lower bound)");
        distribution.compare(context, sameInit, out);
        if (longRuns.isEmpty()) {
            out.put("stabilitySkipped", "the data folder has no '" + LONG_SPLIT + "' split");
        } else {
            stability.evaluate(context, longRuns, out);
        }
        return out;
    }

    @Override
    public List<Metric> metrics() {
        List<Metric> m = new ArrayList<>();
        m.add(Metric.scalar("testNegativeElbo", "nats per transition", "teacher-forced negative ELBO on the test split")
                .lowerIsBetter());
        m.add(Metric.scalar("testModelStepsPerTrajectory", "model steps", "model transitions per test trajectory, "
                + "averaged over the split").range(Range.NON_NEGATIVE));
        m.add(Metric.scalar("testLogLikelihood", "nats per trajectory", "ELBO lower bound on the log-likelihood of a "
                + "whole test trajectory").higherIsBetter());
        m.add(Metric.text("testLogLikelihoodUnit", "the unit of testLogLikelihood"));
        m.addAll(SwarmDistributionComparison.metrics());
        m.add(Metric.text("stabilitySkipped", "why there are no stability metrics").asOptional());
        m.addAll(SwarmStability.metrics());
        return m;
    }

    private static List<Trajectory> required(EvaluationContext context, String split) {
        List<Trajectory> trajectories = context.split(split);
        if (trajectories.isEmpty()) {
            throw new IllegalArgumentException("flocking evaluation needs the '" + split + "' split: the data folder"
                    + " must have a non-empty '" + split + "' subfolder of trajectories (every flocking preset makes one)");
        }
        trajectories.forEach(t -> checkLayout(split, t));
        return trajectories;
    }

    /** Rejects trajectories whose frames are not (N, 4): the statistics would read the wrong channels. */
    static void checkLayout(String split, Trajectory t) {
        long[] shape = t.frameShape();
        if (shape.length != 2 || shape[0] < 2 || shape[1] != FlockingSimulator.CHANNELS) {
            throw new IllegalArgumentException("split '" + split + "' has frames of shape " + Arrays.toString(shape)
                    + "; flock frames must be (particles >= 2, 4) with channels [x, y, vx, vy]");
        }
    }
}
