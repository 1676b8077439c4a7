package org.example.epns.hexdrift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.metric.Range;
import org.epnsj.api.spi.DomainEvaluator;
import org.epnsj.api.spi.EvaluationContext;

/**
 * The domain's metrics: the held-out negative ELBO against the true transition density's negative
 * log-likelihood on the same transitions, and {@value #STEP} steps after a test trajectory's first
 * frame, the mean radius and the alignment with the wells (the mean of cos 6 theta: 1 in the wells, 0
 * for angles spread evenly), of the data (every test trajectory) and of the model ({@value #SAMPLES}
 * rollouts from each of the first {@value #STARTS} test trajectories' first frames). The test
 * trajectories start independently, so both estimate the same expectation.
 */
final class HexDriftEvaluator implements DomainEvaluator {

    static final int STEP = 20;
    /** Rollouts are drawn in batches, one call per start: a call costs about as much for 1 sample as for 32. */
    static final int STARTS = 8;
    static final int SAMPLES = 32;

    private final HexDriftSimulator truth;

    HexDriftEvaluator(HexDriftSimulator truth) {
        this.truth = truth;
    }

    /**
     * What each metric of {@link #evaluate} is. Reports take units, ranges and captions from here, and
     * the runtime fails an evaluation that reports a metric not declared here or leaves out one that is
     * not optional.
     */
    @Override
    public List<Metric> metrics() {
        Range alignment = new Range(-1, 1);
        return List.of(
                Metric.scalar("testNegativeElbo", "nats per transition", "teacher-forced negative ELBO on the test split")
                        .lowerIsBetter(),
                // The true density is known only for stride 1, so these two are not always reported.
                Metric.scalar("trueTransitionNll", "nats per transition", "negative log-density of the true transition "
                        + "on the same transitions").asOptional(),
                Metric.scalar("nllGap", "nats per transition", "testNegativeElbo minus trueTransitionNll: 0 for a "
                        + "perfect model").lowerIsBetter().asOptional(),
                Metric.scalar("meanRadiusData" + STEP, "", "mean radius of the test trajectories " + STEP + " steps "
                        + "after their start").range(Range.NON_NEGATIVE),
                Metric.scalar("meanRadiusModel" + STEP, "", "mean radius of model rollouts " + STEP + " steps after a "
                        + "test start").range(Range.NON_NEGATIVE).closerTo("meanRadiusData" + STEP),
                Metric.scalar("wellAlignmentData" + STEP, "", "mean cos 6 theta of the test trajectories (1: in the "
                        + "wells)").range(alignment),
                Metric.scalar("wellAlignmentModel" + STEP, "", "mean cos 6 theta of the model rollouts (1: in the "
                        + "wells)").range(alignment).closerTo("wellAlignmentData" + STEP));
    }

    @Override
    public Map<String, Object> evaluate(EvaluationContext context) {
        List<Trajectory> test = context.split("test");
        if (test.isEmpty()) {
            throw new IllegalArgumentException("the data folder has no 'test' split to evaluate on");
        }
        int shortest = test.stream().mapToInt(Trajectory::length).min().orElseThrow();
        if (shortest <= STEP) {
            throw new IllegalArgumentException("the test trajectories need more than " + STEP
                    + " frames for the ring statistics; the shortest has " + shortest);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        double nelbo = context.negativeElbo("test");
        out.put("testNegativeElbo", nelbo);
        // The true density is that of one simulator step: known only for stride 1.
        if (context.config().stride() == 1) {
            double trueNll = trueTransitionNll(test);
            out.put("trueTransitionNll", trueNll);
            out.put("nllGap", nelbo - trueNll);
        }
        double[] data = new double[2];
        for (Trajectory t : test) {
            accumulate(data, t.frame(STEP));
        }
        double[] model = new double[2];
        int drawn = 0;
        for (Trajectory start : test.subList(0, Math.min(STARTS, test.size()))) {
            for (Trajectory rollout : context.rollouts(start, 0, STEP, SAMPLES)) {
                accumulate(model, rollout.frame(STEP));
                drawn++;
            }
        }
        out.put("meanRadiusData" + STEP, data[0] / test.size());
        out.put("meanRadiusModel" + STEP, model[0] / drawn);
        out.put("wellAlignmentData" + STEP, data[1] / test.size());
        out.put("wellAlignmentModel" + STEP, model[1] / drawn);
        return out;
    }

    /** Adds the radius and cos 6 theta of the point to sums[0] and sums[1]. */
    private static void accumulate(double[] sums, float[] point) {
        double x = point[0];
        double y = point[1];
        double r = Math.hypot(x, y);
        sums[0] += r;
        sums[1] += r == 0 ? 0 : Math.cos(6 * Math.atan2(y, x));
    }

    /** The mean negative log-density of N(x + dt F(x), sigma^2 dt I) over every transition of the split. */
    double trueTransitionNll(List<Trajectory> split) {
        double variance = truth.stepNoise() * truth.stepNoise();
        double sum = 0;
        long n = 0;
        for (Trajectory t : split) {
            for (int s = 0; s + 1 < t.length(); s++) {
                float[] x = t.frame(s);
                float[] y = t.frame(s + 1);
                double[] f = truth.drift(x[0], x[1]);
                double e0 = y[0] - (x[0] + truth.dt() * f[0]);
                double e1 = y[1] - (x[1] + truth.dt() * f[1]);
                sum += Math.log(2 * Math.PI * variance) + (e0 * e0 + e1 * e1) / (2 * variance);
                n++;
            }
        }
        return sum / n;
    }
}
