package org.epnsj.domain.nbody.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.NoiseSource;
import org.epnsj.runtime.distribution.Normal;

/**
 * The predicted next n-body state: the mass is copied from the current state, positions and
 * velocities are Normal. The log-density covers the dynamic channels 1–6 only, so the training loss
 * and the likelihood both leave out the mass, which is never predicted (the reference keeps a
 * constant mass term in its loss; it carries no gradient).
 */
final class BodyNormal implements Distribution {

    private final NDArray mass;
    private final Normal dynamics;

    /**
     * @param mass (B, n, 1), original units
     * @param dynamics over (B, n, 6): position then velocity, original units
     */
    BodyNormal(NDArray mass, Normal dynamics) {
        this.mass = mass;
        this.dynamics = dynamics;
    }

    /** The Normal over positions and velocities. */
    Normal dynamics() {
        return dynamics;
    }

    private NDArray withMass(NDArray dynamic) {
        return NDArrays.concat(new NDList(mass, dynamic), -1);
    }

    @Override
    public NDArray mean() {
        return withMass(dynamics.mean());
    }

    @Override
    public NDArray mode() {
        return mean();
    }

    @Override
    public NDArray sample(NoiseSource noise) {
        return withMass(dynamics.sample(noise));
    }

    @Override
    public NDArray rsample(NoiseSource noise) {
        return withMass(dynamics.rsample(noise));
    }

    @Override
    public NDArray logProb(NDArray value) {
        return dynamics.logProb(value.get(new NDIndex("..., 1:")));
    }

    @Override
    public NDArray kl(Distribution other) {
        if (!(other instanceof BodyNormal o)) {
            throw new IllegalArgumentException("KL between n-body predictions and a " + other.getClass().getSimpleName()
                    + " is not defined");
        }
        return dynamics.kl(o.dynamics);
    }
}
