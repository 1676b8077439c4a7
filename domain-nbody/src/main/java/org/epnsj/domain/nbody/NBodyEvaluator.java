package org.epnsj.domain.nbody;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.metric.Range;
import org.epnsj.api.spi.DomainEvaluator;
import org.epnsj.api.spi.EvaluationContext;
import org.epnsj.domain.nbody.model.FaGnnModel;

/**
 * The n-body metrics of spec §5.1–5.3. Frames are (bodies, 7) with channels [m, x, y, z, vx, vy, vz];
 * model rollouts have one frame per model step of {@code stride} data frames. Energies use G and the
 * Plummer softening ε of the {@link NBodyConfig}.
 *
 * <p>Metric keys, in this order:
 * <ul>
 *   <li>Log-likelihood (§5.1, split {@code test}): {@code testNegativeElbo} (teacher-forced negative
 *       ELBO, nats per model transition), {@code testModelStepsPerTrajectory} ((T − 1) // stride,
 *       averaged over the split), {@code testLogLikelihood} (−testNegativeElbo × steps: the ELBO lower
 *       bound on the log-likelihood of a whole trajectory), {@code testLogLikelihoodUnit}.
 *   <li>Distribution match (§5.2, split {@code test_same_init}, model rolled out from the shared
 *       frame 0 for (T − 1) // stride steps): {@code ksModelSamples}, {@code ksTruthSamples},
 *       {@code ksRolloutSteps}, {@code ksRequestedSteps} (24, 49, 99), {@code ksSteps} (the same,
 *       clamped to the rollout length); lists aligned with {@code ksSteps}:
 *       {@code ks{Kinetic,Potential,Total}Energy{Statistic,PValue}}; at the final step:
 *       {@code ksFurthestDistanceStatistic}, {@code ksFurthestDistancePValue} (the distance of the
 *       furthest body from the origin); only if the rollout diverged, {@code ksRolloutDivergedAtStep}
 *       (all KS values are then NaN); lists over model steps 0..ksRolloutSteps:
 *       {@code totalEnergy{Model,Truth}{Median,Q10,Q90}}.
 *   <li>Stability (§5.3, split {@code test_long}, one rollout per trajectory for
 *       (T_long − 1) // stride steps): {@code stabilityRuns}, {@code stabilitySteps},
 *       {@code stabilityEnergyJumpThreshold}, {@code stabilityNonFiniteRuns} (runs whose state became
 *       non-finite), {@code stableFraction} (fraction of runs stable at each model step 0..steps),
 *       {@code stableFractionFinal}; without a {@code test_long} split only {@code stabilitySkipped}
 *       (the reason).
 *   <li>One-step accuracy from test states ({@link OneStepAccuracy}): {@code oneStepStates},
 *       {@code oneStepDiverged},
 *       {@code oneStepKineticEnergyRatio} (mean predicted over mean true kinetic energy after one
 *       model step), {@code oneStepVelocityRmse} next to {@code trueVelocityChangeRms}.
 *   <li>For frame-averaged models, {@code degenerateFrames}: how many PCA frames met during the
 *       evaluation had a degenerate spectrum.
 * </ul>
 */
public final class NBodyEvaluator implements DomainEvaluator {

    /** Default number of model rollouts for the KS comparison (the reference's {@code num_samples}). */
    public static final int DEFAULT_MODEL_SAMPLES = 100;
    /** Default rise of total energy per model step that marks a run unstable (the reference's value). */
    public static final double DEFAULT_ENERGY_JUMP_THRESHOLD = 20;

    static final String TEST_SPLIT = "test";
    static final String SAME_INIT_SPLIT = "test_same_init";
    static final String LONG_SPLIT = "test_long";

    private final EnergyDistributionComparison distribution;
    private final RolloutStability stability;

    /** An evaluator with the default sample count and threshold. */
    public NBodyEvaluator(NBodyConfig physics) {
        this(physics, DEFAULT_MODEL_SAMPLES, DEFAULT_ENERGY_JUMP_THRESHOLD);
    }

    /**
     * An evaluator with explicit settings.
     *
     * @param physics source of G and the softening ε of the energies
     * @param modelSamples model rollouts in the KS comparison, at least 1 (raised to the size of
     *     {@code test_same_init} if that is larger)
     * @param energyJumpThreshold the rise of total energy per model step above which a run is
     *     unstable, positive
     */
    public NBodyEvaluator(NBodyConfig physics, int modelSamples, double energyJumpThreshold) {
        Objects.requireNonNull(physics, "physics");
        if (modelSamples < 1) {
            throw new IllegalArgumentException("modelSamples must be >= 1, got " + modelSamples);
        }
        if (!(energyJumpThreshold > 0) || Double.isInfinite(energyJumpThreshold)) {
            throw new IllegalArgumentException("energyJumpThreshold must be finite and > 0, got " + energyJumpThreshold);
        }
        this.distribution = new EnergyDistributionComparison(physics, modelSamples);
        this.stability = new RolloutStability(physics, energyJumpThreshold);
    }

    @Override
    public Map<String, Object> evaluate(EvaluationContext context) {
        List<Trajectory> test = required(context, TEST_SPLIT);
        List<Trajectory> sameInit = required(context, SAME_INIT_SPLIT);
        List<Trajectory> longRuns = context.split(LONG_SPLIT);
        longRuns.forEach(t -> FrameEnergy.checkLayout(LONG_SPLIT, t));

        Map<String, Object> out = new LinkedHashMap<>();
        putLogLikelihood(context, test, out);
        OneStepAccuracy.evaluate(context, test, out);
        distribution.compare(context, sameInit, out);
        if (longRuns.isEmpty()) {
            out.put("stabilitySkipped", "the data folder has no '" + LONG_SPLIT + "' split");
        } else {
            stability.evaluate(context, longRuns, out);
        }
        if (context.model() instanceof FaGnnModel fa) {
            // Frames met during this evaluation whose PCA spectrum was degenerate (see FrameAveraging).
            out.put("degenerateFrames", fa.degenerateFrames());
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
        m.addAll(OneStepAccuracy.metrics());
        m.addAll(EnergyDistributionComparison.metrics());
        m.add(Metric.text("stabilitySkipped", "why there are no stability metrics").asOptional());
        m.addAll(RolloutStability.metrics());
        m.add(Metric.scalar("degenerateFrames", "frames", "PCA frames met during the evaluation whose spectrum was "
                + "degenerate (frame-averaged models only)").range(Range.NON_NEGATIVE).asOptional());
        return m;
    }

    private static void putLogLikelihood(EvaluationContext context, List<Trajectory> test, Map<String, Object> out) {
        int stride = context.config().stride();
        double negativeElbo = context.negativeElbo(TEST_SPLIT);
        double steps = test.stream().mapToInt(t -> (t.length() - 1) / stride).average().orElseThrow();
        out.put("testNegativeElbo", negativeElbo);
        out.put("testModelStepsPerTrajectory", steps);
        out.put("testLogLikelihood", -negativeElbo * steps);
        out.put("testLogLikelihoodUnit", "nats per test trajectory (single-sample ELBO, a lower bound)");
    }

    private static List<Trajectory> required(EvaluationContext context, String split) {
        List<Trajectory> trajectories = context.split(split);
        if (trajectories.isEmpty()) {
            throw new IllegalArgumentException("n-body evaluation needs the '" + split + "' split: the data folder"
                    + " must have a non-empty '" + split + "' subfolder of trajectories (every n-body preset makes one)");
        }
        trajectories.forEach(t -> FrameEnergy.checkLayout(split, t));
        return trajectories;
    }
}
