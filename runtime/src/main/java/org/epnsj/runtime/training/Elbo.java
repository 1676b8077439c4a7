package org.epnsj.runtime.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Arrays;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.NoiseSource;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.training.FreeBitsGrouping;
import org.epnsj.runtime.ops.Ops;

/**
 * The training objective of spec section 1.3 for one prediction step:
 * {@code L = -sum log p(x_{t+k} | h, z) + beta * sum KL_fb}, z ~ q(z | h, x_{t+k}) reparameterised.
 *
 * <p>Both terms are sums over the batch and every dimension, not means. Free bits act by
 * detaching: where the batch-averaged KL of a group of latent elements ({@link
 * TransitionModel#freeBitsGrouping}) is below the threshold, the group still counts in the loss value
 * but passes no gradient.
 */
public final class Elbo {

    private Elbo() {}

    /**
     * The terms of one step.
     *
     * @param loss the scalar to differentiate
     * @param nll the summed negative log-likelihood (scalar)
     * @param kl the summed KL before beta, scaled by {@link TransitionModel#klScale} (scalar)
     * @param rawKl the summed KL without that scale: with {@code nll} it gives the true negative ELBO
     * @param prediction the decoder's distribution (for the next input of multi-step training)
     * @param hidden h, the forward model's output
     * @param prior p(z | h)
     * @param posterior q(z | h, x_{t+k})
     * @param rawKlElements KL(q || p) elementwise, without {@link TransitionModel#klScale}
     */
    public record Step(NDArray loss, NDArray nll, NDArray kl, NDArray rawKl, Distribution prediction, NDList hidden,
            Distribution prior, Distribution posterior, NDArray rawKlElements) {}

    /**
     * Evaluates the objective.
     *
     * @param model the transition model
     * @param input x_t, a batch
     * @param target x_{t+k}, a batch
     * @param beta the KL weight
     * @param freeBits lambda in nats per latent element (0: off)
     * @param noise the source of the posterior sample
     * @param training whether components run in training mode
     */
    public static Step evaluate(TransitionModel model, NDArray input, NDArray target, double beta,
            double freeBits, NoiseSource noise, boolean training) {
        return evaluate(model, input, target, beta, freeBits, false, noise, training);
    }

    /**
     * Evaluates the objective; with {@code priorGradient}, a KL element that free bits detach still
     * trains the prior: its gradient is that of KL(q || p) with q held fixed, so the prior keeps
     * fitting the posterior however little the latent carries.
     *
     * @param priorGradient whether detached KL elements keep their gradient to the prior
     */
    public static Step evaluate(TransitionModel model, NDArray input, NDArray target, double beta,
            double freeBits, boolean priorGradient, NoiseSource noise, boolean training) {
        NDList h = model.forwardModel().forward(input, training);
        Distribution prior = model.prior().prior(h, training);
        Distribution posterior = model.posterior().posterior(h, target, training);
        NDArray z = posterior.rsample(noise);
        Distribution prediction = model.decoder().decode(h, z, training);

        NDArray nll = prediction.logProb(target).sum().neg();
        NDArray rawKlElements = posterior.kl(prior);
        double scale = model.klScale();
        NDArray klElements = scaled(rawKlElements, scale);
        NDArray klForGradient = klElements;
        if (freeBits > 0) {
            NDArray passiveGradient = null;
            if (priorGradient) {
                passiveGradient = scaled(posterior.detached().kl(prior), scale);
            }
            klForGradient = applyFreeBits(klElements, freeBits, model.freeBitsGrouping(), passiveGradient);
        }
        NDArray kl = klElements.sum();
        NDArray loss = nll.add(Ops.mul(klForGradient.sum(), beta));
        NDArray rawKl = scale == 1.0 ? kl : rawKlElements.sum();
        return new Step(loss, nll, kl, rawKl, prediction, h, prior, posterior, rawKlElements);
    }

    private static NDArray scaled(NDArray kl, double scale) {
        return scale == 1.0 ? kl : Ops.mul(kl, scale);
    }

    /**
     * Detaches the KL elements whose group statistic is below {@code lambda}: same value, no gradient
     * (equivalent in gradient to clamping the statistic at lambda).
     */
    static NDArray applyFreeBits(NDArray klElements, double lambda, FreeBitsGrouping grouping) {
        return applyFreeBits(klElements, lambda, grouping, null);
    }

    /**
     * As {@link #applyFreeBits(NDArray, double, FreeBitsGrouping)}, with the elements below {@code
     * lambda} taken from {@code passive} (the same values, a gradient to the prior only) instead of
     * detached, unless it is null.
     */
    static NDArray applyFreeBits(NDArray klElements, double lambda, FreeBitsGrouping grouping, NDArray passive) {
        NDArray active = freeBitsStatistic(klElements, grouping).gte(lambda)
                .toType(klElements.getDataType(), false);
        NDArray below = active.neg().add(1);
        NDArray held = passive == null ? klElements.stopGradient() : passive;
        return klElements.mul(active).add(held.mul(below));
    }

    /**
     * The free-bits statistic of each group, detached, shaped to broadcast against {@code
     * klElements}: per element position, the KL summed over the batch and divided by its size; per
     * dimension, the KL summed over the batch and every axis but the last, divided by the batch size.
     */
    static NDArray freeBitsStatistic(NDArray klElements, FreeBitsGrouping grouping) {
        long batch = klElements.getShape().get(0);
        NDArray kl = klElements.stopGradient();
        return switch (grouping) {
            case PER_ELEMENT -> Ops.div(kl.sum(new int[] {0}, true), batch);
            case PER_DIMENSION -> {
                long[] shape = klElements.getShape().getShape();
                long dims = shape[shape.length - 1];
                long[] broadcast = new long[shape.length];
                Arrays.fill(broadcast, 1);
                broadcast[shape.length - 1] = dims;
                // One reduction over a flattened axis: PyTorch in DJL reduces one axis at a time.
                yield Ops.div(kl.reshape(-1, dims).sum(new int[] {0}), batch).reshape(broadcast);
            }
        };
    }
}
