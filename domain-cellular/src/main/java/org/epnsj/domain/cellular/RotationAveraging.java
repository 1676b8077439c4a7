package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.function.UnaryOperator;
import org.epnsj.runtime.nn.Intermediates;
import org.epnsj.runtime.ops.Ops;

/**
 * Exact p4 equivariance by averaging over the four quarter turns:
 * {@code f_avg(x) = 1/4 sum_k R^-k f(R^k x)} for fields, {@code 1/4 sum_k f(R^k x)} for invariant outputs.
 * With a translation-equivariant f (circular padding) the average commutes with every element of p4.
 * The four rotated copies run as one batch of 4 M grids, k-major, so a function that groups
 * consecutive nodes into samples still sees whole samples. Outside training the rotated copies and
 * {@code f}'s output are freed as soon as they are used (four times the input each).
 *
 * <p>The cell EPNS computes the same averages with turned filters instead of turned grids
 * ({@link SpatialConvGnnLayer#forwardAveraged}, {@link PooledConvNet#forwardAveraged}); this class is
 * the definition they are tested against, and what the p4 cost benchmark times.
 */
final class RotationAveraging {

    private RotationAveraging() {}

    /** (M, C, L, L) to (4 M, C, L, L): the copies rotated by 0, 1, 2, 3 quarter turns. */
    static NDArray rotatedCopies(NDArray x) {
        NDList copies = new NDList(4);
        for (int k = 0; k < 4; k++) {
            copies.add(Ops.rot90(x, k, 2, 3));
        }
        return NDArrays.concat(copies, 0);
    }

    /** The mean over the four copies of a (4 M, ...) array after turning copy k back by -k. */
    static NDArray meanTurnedBack(NDArray y) {
        NDArray sum = null;
        for (int k = 0; k < 4; k++) {
            NDArray back = Ops.rot90(block(y, k), -k, 2, 3);
            sum = sum == null ? back : sum.add(back);
        }
        return Ops.div(sum, 4);
    }

    /** The mean over the four copies of a (4 M, ...) array of invariant outputs. */
    static NDArray meanOfCopies(NDArray y) {
        NDArray sum = block(y, 0);
        for (int k = 1; k < 4; k++) {
            sum = sum.add(block(y, k));
        }
        return Ops.div(sum, 4);
    }

    private static NDArray block(NDArray y, int k) {
        long m = y.getShape().get(0) / 4;
        return y.get(k * m + ":" + (k + 1) * m);
    }

    /** {@code f} averaged into an equivariant map on fields, or {@code f} itself when not averaging. */
    static NDArray equivariant(boolean average, UnaryOperator<NDArray> f, NDArray x, Intermediates lifetimes) {
        return average ? averaged(f, RotationAveraging::meanTurnedBack, x, lifetimes) : f.apply(x);
    }

    /** {@code f} averaged into an invariant map, or {@code f} itself when not averaging. */
    static NDArray invariant(boolean average, UnaryOperator<NDArray> f, NDArray x, Intermediates lifetimes) {
        return average ? averaged(f, RotationAveraging::meanOfCopies, x, lifetimes) : f.apply(x);
    }

    private static NDArray averaged(UnaryOperator<NDArray> f, UnaryOperator<NDArray> mean, NDArray x,
            Intermediates lifetimes) {
        NDArray copies = lifetimes.step(() -> rotatedCopies(x));
        NDArray y = f.apply(copies);
        lifetimes.done(copies);
        NDArray result = lifetimes.step(() -> mean.apply(y));
        lifetimes.done(y);
        return result;
    }
}
