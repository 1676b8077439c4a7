package org.epnsj.runtime.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.OneStepAccuracy;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.runtime.noise.SeededNoise;

/**
 * One pass over fixed validation transitions: the mean one-step negative ELBO (beta 1, no free bits,
 * posterior z) and, when asked, the {@link EpochDiagnostics} of the same pass.
 *
 * <p>The one-step accuracy reuses each batch's h and prior from the ELBO evaluation and adds only a
 * decoder pass with z from the prior and the rollout readout, on every {@value #ACCURACY_BATCH_INTERVAL}th
 * batch (the first included): about an eighth of the transitions, spread over the validation set. Its
 * noise comes from its own stream, so the negative ELBO is the same with diagnostics as without.
 */
public final class ValidationPass {

    /** One batch in this many is also read out as a rollout step for the one-step accuracy. */
    public static final int ACCURACY_BATCH_INTERVAL = 8;

    /**
     * What a pass found.
     *
     * @param negativeElbo the mean one-step negative ELBO per transition
     * @param diagnostics the latent statistics and one-step accuracy, or null when not asked for
     */
    public record Result(double negativeElbo, EpochDiagnostics diagnostics) {}

    private ValidationPass() {}

    /**
     * Runs the pass over transitions (trajectory i, start frame i) in batches of the configuration's
     * batch size.
     *
     * @param noise the stream of the posterior samples
     * @param accuracyNoise the stream of the prior samples and readouts of the one-step accuracy; null for
     *     no diagnostics
     * @throws IllegalArgumentException if diagnostics are asked for without transitions
     */
    public static Result run(TransitionModel model, TrainingConfig config, List<Trajectory> trajectories,
            List<Integer> starts, SeededNoise noise, SeededNoise accuracyNoise) {
        NDManager root = NDManager.subManagerOf(model.parameters().values().iterator().next());
        boolean diagnose = accuracyNoise != null;
        if (diagnose && trajectories.isEmpty()) {
            throw new IllegalArgumentException("no validation transitions to gather diagnostics on");
        }
        LatentStatistics latents = new LatentStatistics();
        OneStepAccuracy accuracy = model.oneStepAccuracy();
        double[] tallies = null;
        int accuracyTransitions = 0;
        double total = 0;
        int b = config.batchSize();
        for (int from = 0, batchIndex = 0; from < trajectories.size(); from += b, batchIndex++) {
            int to = Math.min(trajectories.size(), from + b);
            int[] in = new int[to - from];
            int[] out = new int[to - from];
            for (int i = from; i < to; i++) {
                in[i - from] = starts.get(i);
                out[i - from] = starts.get(i) + config.stride();
            }
            List<Trajectory> batch = trajectories.subList(from, to);
            try (NDManager m = root.newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray x = StateBatches.stack(m, batch, in, model.dataType());
                NDArray y = StateBatches.stack(m, batch, out, model.dataType());
                Elbo.Step step = Elbo.evaluate(model, x, y, 1.0, 0.0, noise, false);
                total += Parameters.scalar(step.nll()) + Parameters.scalar(step.rawKl());
                if (diagnose) {
                    latents.add(step.prior(), step.posterior(), step.rawKlElements());
                    if (batchIndex % ACCURACY_BATCH_INTERVAL == 0) {
                        NDArray next = rolloutStep(model, config, x, step.hidden(), step.prior(), accuracyNoise);
                        double[] t = accuracy.tally(x, next, y);
                        tallies = tallies == null ? t.clone() : add(tallies, t);
                        accuracyTransitions += to - from;
                    }
                }
            }
        }
        double negativeElbo = total / trajectories.size();
        if (!diagnose) {
            return new Result(negativeElbo, null);
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        double[] values = accuracy.figures(tallies);
        List<String> names = accuracy.names();
        if (values.length != names.size()) {
            throw new IllegalStateException(accuracy + " names " + names.size() + " figures but returned "
                    + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            figures.put(names.get(i), values[i]);
        }
        return new Result(negativeElbo, latents.finish(accuracyTransitions, figures));
    }

    /** The step a rollout takes from x: z from the prior given h, decoded, read out as the run's rollouts are. */
    private static NDArray rolloutStep(TransitionModel model, TrainingConfig config, NDArray x, NDList h,
            Distribution prior, SeededNoise noise) {
        NDArray z = prior.sample(noise);
        Distribution prediction = model.decoder().decode(h, z, false);
        return model.readout(x, prediction, config.rolloutReadout(), noise);
    }

    private static double[] add(double[] sums, double[] more) {
        if (more.length != sums.length) {
            throw new IllegalStateException("one-step accuracy tallies changed length from " + sums.length + " to "
                    + more.length);
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] += more[i];
        }
        return sums;
    }
}
