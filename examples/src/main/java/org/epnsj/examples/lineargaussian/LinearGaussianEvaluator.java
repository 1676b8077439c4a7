package org.epnsj.examples.lineargaussian;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.metric.Range;
import org.epnsj.api.spi.DomainEvaluator;
import org.epnsj.api.spi.EvaluationContext;
import org.epnsj.runtime.rollout.RolloutDivergedException;

/**
 * Compares a trained model with the known truth: the held-out negative ELBO against the true
 * conditional entropy, the model's one-step spread against sigma, and the variance of long
 * rollouts against the stationary variance sigma^2 / (1 - a^2).
 */
final class LinearGaussianEvaluator implements DomainEvaluator {

    private static final int SIGMA_STATES = 32;
    private static final int SIGMA_SAMPLES = 256;
    private static final int LONG_STEPS = 1000;
    private static final int LONG_BURN_IN = 100;
    private static final int LONG_SAMPLES = 64;

    private final LinearGaussianSimulator truth;

    LinearGaussianEvaluator(LinearGaussianSimulator truth) {
        this.truth = truth;
    }

    @Override
    public List<Metric> metrics() {
        String nats = "nats per transition";
        return List.of(
                Metric.scalar("testNegativeElbo", nats, "teacher-forced negative ELBO on the test split").lowerIsBetter(),
                Metric.scalar("trueModelNll", nats, "negative log-density of the true transition on the same transitions"),
                Metric.scalar("trueConditionalEntropy", nats, "entropy of the true transition density"),
                Metric.scalar("nllGap", nats, "testNegativeElbo minus trueModelNll: 0 for a perfect model")
                        .lowerIsBetter(),
                Metric.scalar("impliedA", "", "the model's effective coefficient a, from one-step samples")
                        .closerTo("trueA"),
                Metric.scalar("trueA", "", "the true coefficient a"),
                Metric.scalar("impliedSigma", "", "the model's effective noise scale, from one-step samples")
                        .range(Range.NON_NEGATIVE).closerTo("trueSigma"),
                Metric.scalar("trueSigma", "", "the true noise scale sigma").range(Range.NON_NEGATIVE),
                Metric.scalar("sigmaRelativeError", "", "impliedSigma / trueSigma - 1 (0: exact)"),
                Metric.scalar("stationaryVariance", "", "variance of long rollouts after a burn-in (NaN if they "
                        + "diverged)").range(Range.NON_NEGATIVE).closerTo("trueStationaryVariance"),
                Metric.scalar("trueStationaryVariance", "", "sigma^2 / (1 - a^2)").range(Range.NON_NEGATIVE),
                Metric.scalar("stationaryVarianceRelativeError", "", "stationaryVariance / trueStationaryVariance - 1 "
                        + "(0: exact)"),
                Metric.scalar("longRolloutDivergedAtStep", "model steps", "the step at which the long rollouts diverged")
                        .range(Range.NON_NEGATIVE).asOptional());
    }

    @Override
    public Map<String, Object> evaluate(EvaluationContext context) {
        List<Trajectory> test = context.split("test");
        if (test.isEmpty()) {
            throw new IllegalArgumentException("the data folder has no 'test' split to evaluate on");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        double nelbo = context.negativeElbo("test");
        out.put("testNegativeElbo", nelbo);
        double trueNll = trueModelNll(test, context.config().stride());
        out.put("trueModelNll", trueNll);
        out.put("trueConditionalEntropy", truth.conditionalEntropy());
        // Against the true density on the same transitions, so the test set's sampling noise cancels.
        out.put("nllGap", nelbo - trueNll);

        double[] implied = impliedCoefficientAndSigma(context, test);
        double sigma = implied[1];
        out.put("impliedA", implied[0]);
        out.put("trueA", truth.a());
        out.put("impliedSigma", sigma);
        out.put("trueSigma", truth.sigma());
        out.put("sigmaRelativeError", sigma / truth.sigma() - 1);

        try {
            double variance = stationaryVariance(context, test.get(0));
            out.put("stationaryVariance", variance);
            out.put("trueStationaryVariance", truth.stationaryVariance());
            out.put("stationaryVarianceRelativeError", variance / truth.stationaryVariance() - 1);
        } catch (RolloutDivergedException e) {
            out.put("stationaryVariance", Double.NaN);
            out.put("trueStationaryVariance", truth.stationaryVariance());
            out.put("stationaryVarianceRelativeError", Double.NaN);
            out.put("longRolloutDivergedAtStep", e.step());
        }
        return out;
    }

    /** The mean negative log-density of the true k-step transition over every transition of the split. */
    double trueModelNll(List<Trajectory> split, int stride) {
        double a = Math.pow(truth.a(), stride);
        double variance = truth.sigma() * truth.sigma() * (1 - a * a) / (1 - truth.a() * truth.a());
        double sum = 0;
        long n = 0;
        for (Trajectory t : split) {
            for (int s = 0; s + stride < t.length(); s++) {
                float[] x = t.frame(s);
                float[] y = t.frame(s + stride);
                double e0 = y[0] - a * x[0];
                double e1 = y[1] - a * x[1];
                sum += Math.log(2 * Math.PI * variance) + (e0 * e0 + e1 * e1) / (2 * variance);
                n++;
            }
        }
        return sum / n;
    }

    /**
     * From one-step samples at several start states: the least-squares slope of the sample mean on
     * the state (the model's effective a) and the root mean per-coordinate sample variance (its
     * effective sigma).
     */
    static double[] impliedCoefficientAndSigma(EvaluationContext context, List<Trajectory> test) {
        double sum = 0;
        int n = 0;
        double xy = 0;
        double xx = 0;
        for (int i = 0; i < Math.min(SIGMA_STATES, test.size() * 4); i++) {
            Trajectory start = test.get(i % test.size());
            int frame = (i / test.size()) * (start.length() / 4);
            List<Trajectory> draws = context.rollouts(start, frame, 1, SIGMA_SAMPLES);
            for (int c = 0; c < 2; c++) {
                double mean = 0;
                for (Trajectory d : draws) {
                    mean += d.frame(1)[c];
                }
                mean /= draws.size();
                double x = start.frame(frame)[c];
                xy += x * mean;
                xx += x * x;
                double var = 0;
                for (Trajectory d : draws) {
                    double e = d.frame(1)[c] - mean;
                    var += e * e;
                }
                sum += var / (draws.size() - 1);
                n++;
            }
        }
        return new double[] {xy / xx, Math.sqrt(sum / n)};
    }

    /** The pooled per-coordinate variance of long rollouts after a burn-in. */
    static double stationaryVariance(EvaluationContext context, Trajectory start) {
        List<Trajectory> runs = context.rollouts(start, 0, LONG_STEPS, LONG_SAMPLES);
        double sum = 0;
        long n = 0;
        for (Trajectory r : runs) {
            for (int t = LONG_BURN_IN; t <= LONG_STEPS; t++) {
                float[] f = r.frame(t);
                sum += f[0] * (double) f[0] + f[1] * (double) f[1];
                n += 2;
            }
        }
        // The stationary mean is 0 by symmetry, so the second moment is the variance.
        return sum / n;
    }
}
