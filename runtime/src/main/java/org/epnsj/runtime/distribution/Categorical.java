package org.epnsj.runtime.distribution;

import ai.djl.ndarray.NDArray;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.NoiseSource;

/**
 * Independent categorical distributions over the classes on one axis of a logit array (a per-pixel
 * categorical over cell ids). Values are class indices stored in a float array without the class
 * axis.
 */
public final class Categorical implements Distribution {

    private final NDArray logits;
    private final int axis;
    private NDArray logProbabilities;

    /**
     * Creates the distribution.
     *
     * @param logits unnormalised log-probabilities
     * @param axis the class axis (negative counts from the end)
     */
    public Categorical(NDArray logits, int axis) {
        int rank = logits.getShape().dimension();
        this.axis = axis < 0 ? rank + axis : axis;
        if (this.axis < 0 || this.axis >= rank) {
            throw new IllegalArgumentException("class axis " + axis + " out of range for logits " + logits.getShape());
        }
        this.logits = logits;
    }

    /** The number of classes. */
    public long classes() {
        return logits.getShape().get(axis);
    }

    /** Log-probabilities, normalised on the class axis. */
    public NDArray logProbabilities() {
        if (logProbabilities == null) {
            logProbabilities = logits.logSoftmax(axis);
        }
        return logProbabilities;
    }

    /**
     * Not defined for class labels.
     *
     * @throws UnsupportedOperationException always: the mean of a label is meaningless (the reference
     *     code's NaN rollout loss came from asking for it)
     */
    @Override
    public NDArray mean() {
        throw new UnsupportedOperationException("a categorical over labels has no mean; use the MODE readout");
    }

    @Override
    public NDArray mode() {
        return logits.argMax(axis).toType(logits.getDataType(), false).stopGradient();
    }

    @Override
    public NDArray sample(NoiseSource noise) {
        // Gumbel-max: argmax(logits + g), g = -log(-log u) with u in (0, 1).
        NDArray u = noise.uniform(logits.getManager(), logits.getShape(), logits.getDataType());
        // Clipped so that float32 rounding of u to 0 or 1 cannot produce an infinite Gumbel draw.
        NDArray gumbel = u.clip(1e-7, 1 - 1e-7).log().neg().log().neg();
        return logits.stopGradient().add(gumbel).argMax(axis).toType(logits.getDataType(), false);
    }

    @Override
    public NDArray rsample(NoiseSource noise) {
        throw new UnsupportedOperationException("a categorical has no reparameterised sample");
    }

    @Override
    public NDArray logProb(NDArray value) {
        return oneHot(value).mul(logProbabilities()).sum(new int[] {axis});
    }

    /** One-hot encoding of labels along the class axis, in the logits' dtype, without gradient. */
    public NDArray oneHot(NDArray value) {
        NDArray classIds = logits.getManager().arange(0, (int) classes(), 1, logits.getDataType());
        long[] shape = new long[logits.getShape().dimension()];
        java.util.Arrays.fill(shape, 1);
        shape[axis] = classes();
        NDArray ids = classIds.reshape(shape);
        return value.toType(logits.getDataType(), false).expandDims(axis).eq(ids).toType(logits.getDataType(), false);
    }

    @Override
    public NDArray kl(Distribution other) {
        if (!(other instanceof Categorical p) || p.classes() != classes()) {
            throw new IllegalArgumentException("KL needs two categoricals over the same classes");
        }
        NDArray lq = logProbabilities();
        return lq.exp().mul(lq.sub(p.logProbabilities())).sum(new int[] {axis});
    }

}
