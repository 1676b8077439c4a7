package org.epnsj.domain.flocking.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.NoiseSource;
import org.epnsj.runtime.distribution.Normal;
import org.epnsj.runtime.ops.Ops;

/**
 * The predicted next flock state: per particle, a Gaussian over position and velocity whose axes are
 * the particle's current heading u = v / |v| and its normal J u, with four scales (position along and
 * across the heading, velocity along and across). Angular noise moves a particle mostly across its
 * heading, which one isotropic scale per vector cannot express.
 *
 * <p>The density is that of the residual's coordinates in the heading frame, an orthonormal frame, so
 * it is a density in the plane. It is E(2)-equivariant with equivariant means and invariant scales: a
 * rotation turns u and J u with the residual, a reflection maps J u to −J u, which the zero-mean
 * Gaussian does not see. The frame is undefined for a particle at rest; speeds below
 * {@link #MIN_SPEED} are treated as that speed (the simulated speeds stay near v0 = 1).
 */
final class HeadingFrameNormal implements Distribution {

    /** The speed below which the heading is taken from v / MIN_SPEED. */
    static final double MIN_SPEED = 1e-9;

    private final NDArray mean;
    private final NDArray heading;
    private final NDArray across;
    private final Normal local;

    /**
     * @param mean (B, N, 4): position then velocity
     * @param velocity (B, N, 2): the current velocities, whose directions give the frames
     * @param sigma (B, N, 4): position along, position across, velocity along, velocity across
     */
    HeadingFrameNormal(NDArray mean, NDArray velocity, NDArray sigma) {
        this.mean = mean;
        NDArray speed = Ops.maximum(velocity.square().sum(new int[] {-1}, true).sqrt(), MIN_SPEED);
        this.heading = velocity.div(speed);
        // J u = (−u_y, u_x).
        this.across = heading.get("..., 1:2").neg().concat(heading.get("..., 0:1"), -1);
        this.local = new Normal(mean.zerosLike(), sigma);
    }

    /** The residual's heading-frame coordinates (B, N, 4). */
    private NDArray toFrame(NDArray residual) {
        NDArray x = residual.get("..., 0:2");
        NDArray v = residual.get("..., 2:4");
        return PairFeatures.dot(x, heading).concat(PairFeatures.dot(x, across), -1)
                .concat(PairFeatures.dot(v, heading), -1).concat(PairFeatures.dot(v, across), -1);
    }

    /** Frame coordinates (B, N, 4) back to a residual in the plane. */
    private NDArray fromFrame(NDArray coordinates) {
        NDArray x = heading.mul(coordinates.get("..., 0:1")).add(across.mul(coordinates.get("..., 1:2")));
        NDArray v = heading.mul(coordinates.get("..., 2:3")).add(across.mul(coordinates.get("..., 3:4")));
        return x.concat(v, -1);
    }

    @Override
    public NDArray mean() {
        return mean;
    }

    @Override
    public NDArray mode() {
        return mean;
    }

    @Override
    public NDArray rsample(NoiseSource noise) {
        Shape shape = mean.getShape();
        NDArray eps = noise.normal(mean.getManager(), shape, mean.getDataType());
        return mean.add(fromFrame(local.sigma().mul(eps)));
    }

    @Override
    public NDArray sample(NoiseSource noise) {
        return rsample(noise).stopGradient();
    }

    @Override
    public NDArray logProb(NDArray value) {
        return local.logProb(toFrame(value.sub(mean)));
    }

    @Override
    public NDArray kl(Distribution other) {
        throw new IllegalArgumentException("the KL divergence of flock predictions is not defined (only latents need one)");
    }
}
