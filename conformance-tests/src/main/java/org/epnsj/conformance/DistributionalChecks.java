package org.epnsj.conformance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.model.Readout;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.rollout.RolloutSampler;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;

/**
 * {@link Rule#STOCHASTIC_ROLLOUT_DISTRIBUTION_EQUIVARIANT}: {@code samples} rollouts of {@code steps}
 * sampled steps from x and from g x (independent seeded noise); the final states from g x are mapped
 * back with g^-1, and every coordinate of the state is compared with a two-sample Kolmogorov-Smirnov
 * test. The family-wise level {@code alpha} is split over the coordinates (Bonferroni). The report's
 * error is the largest KS distance D, its tolerance the asymptotic critical distance at alpha / m.
 * With a fixed seed the outcome is deterministic; for an equivariant model the chance that a new
 * seed fails is at most alpha.
 */
public final class DistributionalChecks {

    private DistributionalChecks() {}

    /** Runs the rule for one element and one initial state. */
    public static <E> CheckReport rolloutDistribution(TransitionModel model, GroupAction<E> stateAction, E g,
            DoubleTensor initial, int samples, int steps, double alpha, NDManager manager, long seed) {
        if (samples < 8 || steps < 1 || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("need samples >= 8, steps >= 1, 0 < alpha < 1; got samples=" + samples
                    + ", steps=" + steps + ", alpha=" + alpha);
        }
        String rule = Rule.STOCHASTIC_ROLLOUT_DISTRIBUTION_EQUIVARIANT.id();
        try (NDManager m = manager.newSubManager()) {
            RolloutSampler sampler = new RolloutSampler(model, Readout.SAMPLE);
            DataType dt = model.dataType();
            List<DoubleTensor> a = Tensors.fromBatch(sampler.rollout(
                    Tensors.toBatch(m, Collections.nCopies(samples, initial), dt), steps, new SeededNoise(seed), null));
            DoubleTensor gInitial = stateAction.act(g, initial);
            List<DoubleTensor> b = Tensors.fromBatch(sampler.rollout(
                    Tensors.toBatch(m, Collections.nCopies(samples, gInitial), dt), steps, new SeededNoise(seed + 1), null));
            E inv = stateAction.group().inverse(g);
            List<DoubleTensor> back = new ArrayList<>(b.size());
            for (DoubleTensor y : b) {
                back.add(stateAction.act(inv, y));
            }
            int coords = initial.size();
            double perTest = alpha / coords;
            double critical = Math.sqrt(-Math.log(perTest / 2) / 2) * Math.sqrt(2.0 / samples);
            KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
            double maxD = 0;
            double minP = 1;
            int worst = 0;
            for (int j = 0; j < coords; j++) {
                double[] x = column(a, j);
                double[] y = column(back, j);
                double d = ks.kolmogorovSmirnovStatistic(x, y);
                if (d > maxD) {
                    maxD = d;
                    worst = j;
                }
                minP = Math.min(minP, ks.kolmogorovSmirnovTest(x, y));
            }
            boolean ok = maxD <= critical;
            String reason = String.format("%d samples x %d steps, %d coordinates, alpha %.3g (Bonferroni %.3g per test), "
                    + "min p %.3g, worst coordinate %d", samples, steps, coords, alpha, perTest, minP, worst);
            return new CheckReport(rule, ok ? CheckStatus.PASS : CheckStatus.FAIL, ok ? "" : reason, maxD, critical, seed,
                    String.valueOf(g), Tensors.preview(initial), samples);
        } catch (RuntimeException e) {
            return CheckReport.crashed(rule, e, seed, String.valueOf(g), Tensors.preview(initial));
        }
    }

    private static double[] column(List<DoubleTensor> xs, int j) {
        double[] out = new double[xs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = xs.get(i).data()[j];
        }
        return out;
    }
}
