package org.epnsj.api.model;

import ai.djl.ndarray.NDArray;

/**
 * A batched probability distribution whose parameters are arrays inside the autograd graph.
 *
 * <p>Log-densities and divergences are returned elementwise, without reduction, so the objective
 * decides how to sum, weight or detach them (free bits act per latent element).
 */
public interface Distribution {

    /** The expected value. */
    NDArray mean();

    /** The most likely value. */
    NDArray mode();

    /** A draw that carries no gradient to the parameters. */
    NDArray sample(NoiseSource noise);

    /**
     * A reparameterised draw: a differentiable function of the parameters and independent noise.
     *
     * @throws UnsupportedOperationException for distributions without a reparameterisation
     *     (categorical)
     */
    NDArray rsample(NoiseSource noise);

    /** The log-density (or log-mass) of {@code value}, elementwise. */
    NDArray logProb(NDArray value);

    /**
     * The closed-form divergence KL(this || other), elementwise.
     *
     * @throws IllegalArgumentException if {@code other} is not of a compatible family and shape
     */
    NDArray kl(Distribution other);

    /**
     * The same distribution with parameters that carry no gradient: {@code detached().kl(p)} has the
     * value of {@code kl(p)} and trains only {@code p}. The objective uses it for a prior that keeps
     * learning where free bits stop the posterior's gradient.
     *
     * @throws UnsupportedOperationException for distributions that do not offer it (the default)
     */
    default Distribution detached() {
        throw new UnsupportedOperationException(getClass().getName() + " cannot be detached; a latent "
                + "distribution trained with freeBitsPriorGradient must implement detached()");
    }
}
