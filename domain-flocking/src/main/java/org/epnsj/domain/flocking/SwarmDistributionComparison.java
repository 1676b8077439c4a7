package org.epnsj.domain.flocking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.metric.Range;
import org.epnsj.api.spi.EvaluationContext;
import org.epnsj.runtime.rollout.RolloutDivergedException;
import org.hipparchus.stat.descriptive.rank.Percentile;
import org.hipparchus.stat.descriptive.rank.Percentile.EstimationType;

/**
 * From the one initial state shared by the {@code test_same_init} split, the model's distribution of
 * polarisation, mean nearest-neighbour distance and swarm radius against the simulator's, by
 * two-sample KS tests at three horizons (a quarter, half and all of the rollout), and quantile bands
 * of the polarisation over the rollout. Each trajectory gives one value per statistic and step, so
 * the samples are independent draws.
 */
final class SwarmDistributionComparison {

    private final int modelSamples;

    SwarmDistributionComparison(int modelSamples) {
        this.modelSamples = modelSamples;
    }

    /** The metrics {@link #compare} reports. */
    static List<Metric> metrics() {
        String split = FlockingEvaluator.SAME_INIT_SPLIT;
        List<Metric> m = new ArrayList<>();
        m.add(Metric.scalar("ksModelSamples", "rollouts", "model rollouts from the shared start in the KS tests")
                .range(Range.NON_NEGATIVE));
        m.add(Metric.scalar("ksTruthSamples", "trajectories", "trajectories of " + split + " in the KS tests")
                .range(Range.NON_NEGATIVE));
        m.add(Metric.scalar("ksRolloutSteps", "model steps", "length of the rollouts compared").range(Range.NON_NEGATIVE));
        m.add(Metric.steps("ksSteps", "the model steps of the KS tests: a quarter, half and all of the rollout"));
        for (SwarmStatistic statistic : SwarmStatistic.values()) {
            String name = "ks" + statistic.key + "Statistic";
            m.add(Metric.perStep(name, "", "ksSteps", "two-sample KS statistic D of the " + statistic.words
                    + ", model rollouts against " + split + " (0: the same distribution)").range(Range.UNIT_INTERVAL)
                    .lowerIsBetter().figure("ks-" + name.toLowerCase(Locale.ROOT)));
            m.add(Metric.perStep("ks" + statistic.key + "PValue", "", "ksSteps", "p-value of the KS test of the "
                    + statistic.words).range(Range.UNIT_INTERVAL));
        }
        m.add(Metric.scalar("ksRolloutDivergedAtStep", "model steps", "the step at which the KS rollouts diverged (the "
                + "KS values are then NaN)").range(Range.NON_NEGATIVE).asOptional());
        m.add(Metric.curve("polarisationModelMedian", "", "median polarisation of the model's rollouts at each step "
                + "(band: the 10 % and 90 % quantiles)").range(Range.UNIT_INTERVAL)
                .band("polarisationModelQ10", "polarisationModelQ90").closerTo("polarisationTruthMedian")
                .figure("polarisation"));
        m.add(Metric.curve("polarisationModelQ10", "", "10 % quantile of the rollouts' polarisation")
                .range(Range.UNIT_INTERVAL));
        m.add(Metric.curve("polarisationModelQ90", "", "90 % quantile of the rollouts' polarisation")
                .range(Range.UNIT_INTERVAL));
        m.add(Metric.curve("polarisationTruthMedian", "", "median polarisation of " + split + " at each step (band: "
                + "the 10 % and 90 % quantiles)").range(Range.UNIT_INTERVAL)
                .band("polarisationTruthQ10", "polarisationTruthQ90"));
        m.add(Metric.curve("polarisationTruthQ10", "", "10 % quantile of the simulated polarisation")
                .range(Range.UNIT_INTERVAL));
        m.add(Metric.curve("polarisationTruthQ90", "", "90 % quantile of the simulated polarisation")
                .range(Range.UNIT_INTERVAL));
        return m;
    }

    /** The model steps of the KS tests for a rollout of {@code steps} steps: S/4, S/2 and S (at least 1). */
    static List<Integer> horizons(int steps) {
        return List.of(Math.max(1, steps / 4), Math.max(1, steps / 2), steps);
    }

    /** Adds the {@code ks*} and {@code polarisation*} metrics to {@code out}. */
    void compare(EvaluationContext context, List<Trajectory> truth, Map<String, Object> out) {
        int stride = context.config().stride();
        int frames = truth.stream().mapToInt(Trajectory::length).min().orElseThrow();
        int steps = (frames - 1) / stride;
        if (steps < 1) {
            throw new IllegalArgumentException("split '" + FlockingEvaluator.SAME_INIT_SPLIT + "' has trajectories of "
                    + frames + " frames, too short for one model step of " + stride + " frames");
        }
        List<Integer> horizons = horizons(steps);
        int samples = Math.max(modelSamples, truth.size());
        SwarmStatistic[] statistics = SwarmStatistic.values();
        double[][][] truthValues = values(truth, steps, stride, statistics);
        double[][][] modelValues = null;
        Integer divergedAt = null;
        try {
            modelValues = values(context.rollouts(truth.get(0), 0, steps, samples), steps, 1, statistics);
        } catch (RolloutDivergedException e) {
            divergedAt = e.step();
        }
        out.put("ksModelSamples", samples);
        out.put("ksTruthSamples", truth.size());
        out.put("ksRolloutSteps", steps);
        out.put("ksSteps", horizons);
        for (int k = 0; k < statistics.length; k++) {
            List<Double> statistic = new ArrayList<>();
            List<Double> pValue = new ArrayList<>();
            for (int step : horizons) {
                TwoSampleKs ks = modelValues == null ? TwoSampleKs.UNAVAILABLE
                        : TwoSampleKs.compare(modelValues[k][step], truthValues[k][step]);
                statistic.add(ks.statistic());
                pValue.add(ks.pValue());
            }
            out.put("ks" + statistics[k].key + "Statistic", statistic);
            out.put("ks" + statistics[k].key + "PValue", pValue);
        }
        if (divergedAt != null) {
            out.put("ksRolloutDivergedAtStep", divergedAt);
        }
        int polarisation = SwarmStatistic.POLARISATION.ordinal();
        putBands(out, "polarisationModel", modelValues == null ? null : modelValues[polarisation], steps);
        putBands(out, "polarisationTruth", truthValues[polarisation], steps);
    }

    /** values[statistic][step][run] of frames 0, stride, 2 stride, ... of each run. */
    private static double[][][] values(List<Trajectory> runs, int steps, int stride, SwarmStatistic[] statistics) {
        double[][][] v = new double[statistics.length][steps + 1][runs.size()];
        for (int r = 0; r < runs.size(); r++) {
            for (int s = 0; s <= steps; s++) {
                float[] frame = runs.get(r).frame(s * stride);
                for (int k = 0; k < statistics.length; k++) {
                    v[k][s][r] = statistics[k].of(frame);
                }
            }
        }
        return v;
    }

    /** Median and 10 %/90 % quantiles per model step, NaN when there is no sample. */
    private static void putBands(Map<String, Object> out, String prefix, double[][] values, int steps) {
        // R_7 is linear interpolation between order statistics, numpy's default.
        Percentile percentile = new Percentile().withEstimationType(EstimationType.R_7);
        List<Double> median = new ArrayList<>();
        List<Double> q10 = new ArrayList<>();
        List<Double> q90 = new ArrayList<>();
        for (int s = 0; s <= steps; s++) {
            if (values == null) {
                median.add(Double.NaN);
                q10.add(Double.NaN);
                q90.add(Double.NaN);
                continue;
            }
            percentile.setData(values[s]);
            median.add(percentile.evaluate(50));
            q10.add(percentile.evaluate(10));
            q90.add(percentile.evaluate(90));
        }
        out.put(prefix + "Median", median);
        out.put(prefix + "Q10", q10);
        out.put(prefix + "Q90", q90);
    }
}
