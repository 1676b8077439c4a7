package org.epnsj.domain.flocking.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.epnsj.runtime.distribution.Normal;
import org.epnsj.runtime.nn.Dense;
import org.epnsj.runtime.nn.ParameterSet;

/** μ = Linear(f), σ = softplus(Linear(f)) + 1e-5: a diagonal Gaussian over the latent (spec §1.1). */
final class GaussianHead {

    static final double SIGMA_FLOOR = 1e-5;

    private final Dense mean;
    private final Dense sigma;

    GaussianHead(ParameterSet params, String name, int in, int latent) {
        this.mean = new Dense(params, name + ".mean", in, latent);
        this.sigma = new Dense(params, name + ".sigma", in, latent);
    }

    Normal forward(NDArray features) {
        return new Normal(mean.forward(features), positive(sigma.forward(features)));
    }

    /** softplus(x) + 1e-5. */
    static NDArray positive(NDArray raw) {
        return Activation.softPlus(raw).add(SIGMA_FLOOR);
    }
}
