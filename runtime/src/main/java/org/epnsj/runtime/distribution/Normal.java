package org.epnsj.runtime.distribution;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.NoiseSource;
import org.epnsj.runtime.ops.Ops;

/**
 * Independent normal distributions, elementwise: a diagonal Gaussian.
 *
 * <p>{@code sigma} may have size-1 axes where {@code mean} does not; it is then shared by those
 * entries through broadcasting. An isotropic block (one sigma for the three coordinates of a
 * position, needed for rotation equivariance) is a mean of shape (..., n, 3) with a sigma of shape
 * (..., n, 1).
 */
public final class Normal implements Distribution {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final NDArray mean;
    private final NDArray sigma;

    /**
     * Creates the distribution.
     *
     * @param mean the means
     * @param sigma the standard deviations (positive), broadcastable to {@code mean}
     */
    public Normal(NDArray mean, NDArray sigma) {
        if (!broadcastable(sigma.getShape(), mean.getShape())) {
            throw new IllegalArgumentException("sigma shape " + sigma.getShape()
                    + " does not broadcast to mean shape " + mean.getShape());
        }
        this.mean = mean;
        this.sigma = sigma;
    }

    private static boolean broadcastable(Shape from, Shape to) {
        if (from.dimension() != to.dimension()) {
            return false;
        }
        for (int i = 0; i < from.dimension(); i++) {
            if (from.get(i) != 1 && from.get(i) != to.get(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Normal detached() {
        return new Normal(mean.stopGradient(), sigma.stopGradient());
    }

    /** The standard deviations as given (possibly with shared axes). */
    public NDArray sigma() {
        return sigma;
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
        NDArray eps = noise.normal(mean.getManager(), mean.getShape(), mean.getDataType());
        return mean.add(sigma.mul(eps));
    }

    @Override
    public NDArray sample(NoiseSource noise) {
        return rsample(noise).stopGradient();
    }

    @Override
    public NDArray logProb(NDArray value) {
        NDArray standardised = value.sub(mean).div(sigma);
        return Ops.mul(standardised.square(), -0.5).sub(sigma.log()).sub(HALF_LOG_TWO_PI);
    }

    @Override
    public NDArray kl(org.epnsj.api.model.Distribution other) {
        if (!(other instanceof Normal p)) {
            throw new IllegalArgumentException("KL between a Normal and a " + other.getClass().getSimpleName()
                    + " is not defined");
        }
        // KL(q || p) = log(sp/sq) + (sq^2 + (mq - mp)^2) / (2 sp^2) - 1/2
        NDArray varP = p.sigma.square();
        NDArray num = sigma.square().add(mean.sub(p.mean).square());
        return p.sigma.log().sub(sigma.log()).add(num.div(Ops.mul(varP, 2))).sub(0.5);
    }
}
