package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.NoiseSource;
import org.epnsj.runtime.ops.Ops;

/**
 * The predicted next cell state (spec section 4.6): a categorical over the cell ids per pixel, with
 * probabilities softmax(logits over ids) + 1e-6, renormalised. The type channel is derived from the
 * id-to-type map of the input, through detached id probabilities ({@link #typeLogProbabilities()}),
 * so only the id channel trains the network. {@link #logProb} counts the id channel only: the type
 * term carries no gradient in training, and the likelihood of spec section 5.1 is that of the ids.
 */
final class CellStateDistribution implements Distribution {

    /** The probability floor of every id and type. */
    static final double EPS = 1e-6;

    private final NDArray logits;
    private final NDArray nodeTypes;
    private final int typeClasses;
    private NDArray logProbabilities;

    /**
     * @param logits (B, N, L, L) id logits
     * @param nodeTypes (B, N) the type of each id
     * @param typeClasses the number of types including the medium's type 0
     */
    CellStateDistribution(NDArray logits, NDArray nodeTypes, int typeClasses) {
        this.logits = logits;
        this.nodeTypes = nodeTypes;
        this.typeClasses = typeClasses;
    }

    private int nodes() {
        return (int) logits.getShape().get(1);
    }

    /** log P(id) per node and pixel (B, N, L, L), with the 1e-6 floor. */
    NDArray logProbabilities() {
        if (logProbabilities == null) {
            logProbabilities = Ops.div(logits.softmax(1).add(EPS), 1 + nodes() * EPS).log();
        }
        return logProbabilities;
    }

    /** log P(type) per type and pixel (B, T, L, L), from detached id probabilities. */
    NDArray typeLogProbabilities() {
        NDArray p = logProbabilities().stopGradient().exp().expandDims(2);
        NDArray classes = nodeTypes.getManager().arange(0, typeClasses, 1, nodeTypes.getDataType())
                .reshape(1, 1, typeClasses);
        NDArray typeOfNode = nodeTypes.expandDims(-1).eq(classes).toType(p.getDataType(), false)
                .expandDims(-1).expandDims(-1);
        return p.mul(typeOfNode).sum(new int[] {1}).add(EPS).log();
    }

    /** The most likely state: {@link #mode()}. */
    @Override
    public NDArray mean() {
        return mode();
    }

    /**
     * The most likely state: per pixel the id of the largest logit when that maximum is unique, the
     * medium (id 0) when several ids share it; types from the id-to-type map.
     *
     * <p>Why the medium: a tie has to be resolved by a rule that commutes with the symmetry, and no
     * choice among the tied ids can. Relabellings permute the ids but fix the medium; p4 moves pixels
     * and leaves ids alone. If g maps pixel p to q and id i to pi(i) (pi(0) = 0), the logits of g x at
     * q are those of x at p with ids renamed by pi, so the set of maxima at q is pi of the set at p: a
     * unique maximum i becomes pi(i), and a tie stays a tie, read out as 0 = pi(0) on both sides. The
     * rule therefore gives g(mode(x)) = mode(g x) whenever the logits are equivariant. Choosing, say,
     * the lowest tied id fails: ids 3 and 4 tied give 3 for x, but 3 and 4 swapped by g still give 3
     * where g asks for 4. Ties are exact equalities of logits: untrained models give ids absent from a
     * pixel's receptive field exactly equal logits there, as their local inputs are equal and so is z
     * when it is global (docs/architecture.md, "Tied maxima", has the counts).
     */
    @Override
    public NDArray mode() {
        DataType dt = logits.getDataType();
        NDArray max = logits.max(new int[] {1}, true);
        NDArray unique = logits.eq(max).toType(dt, false).sum(new int[] {1}).eq(1).toType(dt, false);
        NDArray ids = logits.argMax(1).toType(dt, false).mul(unique);
        return CellStates.withTypes(ids, nodeTypes);
    }

    /** A draw per pixel by the Gumbel-max trick; types derived. */
    @Override
    public NDArray sample(NoiseSource noise) {
        NDArray u = noise.uniform(logits.getManager(), logits.getShape(), logits.getDataType());
        NDArray gumbel = u.clip(1e-7, 1 - 1e-7).log().neg().log().neg();
        NDArray ids = logProbabilities().stopGradient().add(gumbel).argMax(1).toType(logits.getDataType(), false);
        return CellStates.withTypes(ids, nodeTypes);
    }

    @Override
    public NDArray rsample(NoiseSource noise) {
        throw new UnsupportedOperationException("a categorical over cell ids has no reparameterised sample");
    }

    /** log P(id) of each pixel's id (B, L, L). */
    @Override
    public NDArray logProb(NDArray value) {
        CellStates.side(value);
        NDArray onehot = CellStates.oneHot(CellStates.ids(value), nodes());
        return onehot.mul(logProbabilities()).sum(new int[] {1});
    }

    @Override
    public NDArray kl(Distribution other) {
        throw new IllegalArgumentException("the KL of a predicted cell state is not used");
    }
}
