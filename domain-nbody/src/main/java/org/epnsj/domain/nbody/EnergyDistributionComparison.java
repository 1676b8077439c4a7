package org.epnsj.domain.nbody;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.metric.Range;
import org.epnsj.api.spi.EvaluationContext;
import org.epnsj.runtime.rollout.RolloutDivergedException;
import org.hipparchus.stat.descriptive.rank.Percentile;
import org.hipparchus.stat.descriptive.rank.Percentile.EstimationType;

/**
 * Spec §5.2: from the one initial state shared by the {@code test_same_init} split, the model's
 * distribution of energies against the ground truth's, by two-sample KS tests and quantile bands.
 *
 * <p>Unlike the reference, the ground truth is not tiled up to the model's sample size: tiling leaves
 * D unchanged but makes the p-value treat copies as independent draws.
 */
final class EnergyDistributionComparison {

    /** Model steps of the reference's KS tests (index 0 is the initial state). */
    static final List<Integer> REQUESTED_STEPS = List.of(24, 49, 99);

    private static final String SPLIT = NBodyEvaluator.SAME_INIT_SPLIT;

    /** The energies compared by KS tests, with their key stems. */
    private enum Energy {
        KINETIC("KineticEnergy", "kinetic energy", FrameEnergy::kinetic),
        POTENTIAL("PotentialEnergy", "potential energy", FrameEnergy::potential),
        TOTAL("TotalEnergy", "total energy", FrameEnergy::total);

        final String key;
        final String words;
        final ToDoubleFunction<FrameEnergy> value;

        Energy(String key, String words, ToDoubleFunction<FrameEnergy> value) {
            this.key = key;
            this.words = words;
            this.value = value;
        }
    }

    /** The metrics {@link #compare} reports. */
    static List<Metric> metrics() {
        List<Metric> m = new ArrayList<>();
        m.add(Metric.scalar("ksModelSamples", "rollouts", "model rollouts from the shared start in the KS tests")
                .range(Range.NON_NEGATIVE));
        m.add(Metric.scalar("ksTruthSamples", "trajectories", "ground-truth trajectories of " + SPLIT + " in the KS tests")
                .range(Range.NON_NEGATIVE));
        m.add(Metric.scalar("ksRolloutSteps", "model steps", "length of the rollouts compared").range(Range.NON_NEGATIVE));
        m.add(Metric.steps("ksRequestedSteps", "the model steps of the reference's KS tests, " + REQUESTED_STEPS));
        m.add(Metric.steps("ksSteps", "the model steps of the KS tests: the requested ones, at most the rollout's length"));
        for (Energy energy : Energy.values()) {
            String statistic = "ks" + energy.key + "Statistic";
            m.add(Metric.perStep(statistic, "", "ksSteps", "two-sample KS statistic D of the " + energy.words
                    + ", model rollouts against the ground truth (0: the same distribution)").range(Range.UNIT_INTERVAL)
                    .lowerIsBetter().figure("ks-" + statistic.toLowerCase(Locale.ROOT)));
            m.add(Metric.perStep("ks" + energy.key + "PValue", "", "ksSteps", "p-value of the KS test of the "
                    + energy.words).range(Range.UNIT_INTERVAL));
        }
        m.add(Metric.scalar("ksFurthestDistanceStatistic", "", "two-sample KS statistic D of the furthest body's distance "
                + "from the origin at the last step (0: the same distribution)").range(Range.UNIT_INTERVAL).lowerIsBetter());
        m.add(Metric.scalar("ksFurthestDistancePValue", "", "p-value of the KS test of the furthest body's distance")
                .range(Range.UNIT_INTERVAL));
        m.add(Metric.scalar("ksRolloutDivergedAtStep", "model steps", "the step at which the KS rollouts diverged (the "
                + "KS values are then NaN)").range(Range.NON_NEGATIVE).asOptional());
        m.add(Metric.curve("totalEnergyModelMedian", "simulation units", "median total energy of the model's rollouts "
                + "at each step (band: the 10 % and 90 % quantiles)").band("totalEnergyModelQ10", "totalEnergyModelQ90")
                .closerTo("totalEnergyTruthMedian").figure("energy"));
        m.add(Metric.curve("totalEnergyModelQ10", "simulation units", "10 % quantile of the rollouts' total energy"));
        m.add(Metric.curve("totalEnergyModelQ90", "simulation units", "90 % quantile of the rollouts' total energy"));
        m.add(Metric.curve("totalEnergyTruthMedian", "simulation units", "median total energy of the ground truth at "
                + "each step (band: the 10 % and 90 % quantiles)").band("totalEnergyTruthQ10", "totalEnergyTruthQ90"));
        m.add(Metric.curve("totalEnergyTruthQ10", "simulation units", "10 % quantile of the ground truth's total energy"));
        m.add(Metric.curve("totalEnergyTruthQ90", "simulation units", "90 % quantile of the ground truth's total energy"));
        return m;
    }

    private final NBodyConfig physics;
    private final int modelSamples;

    EnergyDistributionComparison(NBodyConfig physics, int modelSamples) {
        this.physics = physics;
        this.modelSamples = modelSamples;
    }

    /** Adds the {@code ks*} and {@code totalEnergy*} metrics to {@code out}. */
    void compare(EvaluationContext context, List<Trajectory> truth, Map<String, Object> out) {
        int stride = context.config().stride();
        int frames = truth.stream().mapToInt(Trajectory::length).min().orElseThrow();
        int steps = (frames - 1) / stride;
        if (steps < 1) {
            throw new IllegalArgumentException("split '" + SPLIT + "' has trajectories of " + frames
                    + " frames, too short for one model step of " + stride + " frames");
        }
        List<Integer> used = REQUESTED_STEPS.stream().map(s -> Math.min(s, steps)).toList();
        int samples = Math.max(modelSamples, truth.size());

        FrameEnergy[][] truthEnergy = energies(truth, steps, stride);
        double[] truthFurthest = furthest(truth, steps * stride);
        FrameEnergy[][] modelEnergy = null;
        double[] modelFurthest = null;
        Integer divergedAt = null;
        try {
            List<Trajectory> model = context.rollouts(truth.get(0), 0, steps, samples);
            modelEnergy = energies(model, steps, 1);
            modelFurthest = furthest(model, steps);
        } catch (RolloutDivergedException e) {
            divergedAt = e.step();
        }

        out.put("ksModelSamples", samples);
        out.put("ksTruthSamples", truth.size());
        out.put("ksRolloutSteps", steps);
        out.put("ksRequestedSteps", REQUESTED_STEPS);
        out.put("ksSteps", used);
        for (Energy energy : Energy.values()) {
            List<Double> statistic = new ArrayList<>();
            List<Double> pValue = new ArrayList<>();
            for (int step : used) {
                TwoSampleKs ks = modelEnergy == null ? TwoSampleKs.UNAVAILABLE
                        : TwoSampleKs.compare(values(modelEnergy[step], energy.value),
                                values(truthEnergy[step], energy.value));
                statistic.add(ks.statistic());
                pValue.add(ks.pValue());
            }
            out.put("ks" + energy.key + "Statistic", statistic);
            out.put("ks" + energy.key + "PValue", pValue);
        }
        TwoSampleKs far = modelFurthest == null ? TwoSampleKs.UNAVAILABLE
                : TwoSampleKs.compare(modelFurthest, truthFurthest);
        out.put("ksFurthestDistanceStatistic", far.statistic());
        out.put("ksFurthestDistancePValue", far.pValue());
        if (divergedAt != null) {
            out.put("ksRolloutDivergedAtStep", divergedAt);
        }
        putBands(out, "totalEnergyModel", modelEnergy, steps);
        putBands(out, "totalEnergyTruth", truthEnergy, steps);
    }

    /** energies[step][run] of frames 0, stride, 2 stride, ... of each run. */
    private FrameEnergy[][] energies(List<Trajectory> runs, int steps, int stride) {
        FrameEnergy[][] e = new FrameEnergy[steps + 1][runs.size()];
        for (int r = 0; r < runs.size(); r++) {
            Trajectory run = runs.get(r);
            for (int s = 0; s <= steps; s++) {
                e[s][r] = FrameEnergy.of(run.frame(s * stride), physics);
            }
        }
        return e;
    }

    private static double[] furthest(List<Trajectory> runs, int frame) {
        return runs.stream()
                .mapToDouble(t -> NBodyDiagnostics.furthestDistanceFromOrigin(NBodyDiagnostics.widen(t.frame(frame))))
                .toArray();
    }

    private static double[] values(FrameEnergy[] energies, ToDoubleFunction<FrameEnergy> f) {
        double[] v = new double[energies.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(energies[i]);
        }
        return v;
    }

    /** Median and 10 %/90 % quantiles of the total energy per model step, NaN when there is no sample. */
    private static void putBands(Map<String, Object> out, String prefix, FrameEnergy[][] energies, int steps) {
        // R_7 is linear interpolation between order statistics, numpy's default.
        Percentile percentile = new Percentile().withEstimationType(EstimationType.R_7);
        List<Double> median = new ArrayList<>();
        List<Double> q10 = new ArrayList<>();
        List<Double> q90 = new ArrayList<>();
        for (int s = 0; s <= steps; s++) {
            if (energies == null) {
                median.add(Double.NaN);
                q10.add(Double.NaN);
                q90.add(Double.NaN);
                continue;
            }
            percentile.setData(values(energies[s], FrameEnergy::total));
            median.add(percentile.evaluate(50));
            q10.add(percentile.evaluate(10));
            q90.add(percentile.evaluate(90));
        }
        out.put(prefix + "Median", median);
        out.put(prefix + "Q10", q10);
        out.put(prefix + "Q90", q90);
    }
}
