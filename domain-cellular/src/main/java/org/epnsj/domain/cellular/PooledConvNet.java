package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import org.epnsj.runtime.nn.Intermediates;
import org.epnsj.runtime.nn.ParameterSet;

/**
 * The trunk of the cell prior and posterior nets (spec section 4.5): convolutions with ReLU, then
 * the spatial mean, one vector per grid. With circular padding the mean makes it exactly
 * translation invariant. (The reference's unpadded 9x9 convolutions and max-pooling need grids of
 * at least 72 sites and are only approximately invariant; 'same' convolutions are used instead.)
 */
final class PooledConvNet {

    private final int width;
    private final List<GridConv> convs = new ArrayList<>();

    PooledConvNet(ParameterSet params, String name, int in, int width, int kernel, int layers,
            GridConv.Padding padding) {
        this.width = width;
        for (int i = 0; i < layers; i++) {
            convs.add(new GridConv(params, name + ".conv." + i, i == 0 ? in : width, width, kernel, padding));
        }
    }

    /** (M, C_in, L, L) to (M, width); {@code x} is left to the caller. */
    NDArray forward(NDArray x, Intermediates lifetimes) {
        NDArray y = x;
        for (GridConv c : convs) {
            NDArray in = y;
            y = lifetimes.step(() -> Activation.relu(c.forward(in)));
            if (in != x) {
                lifetimes.done(in);
            }
        }
        NDArray grids = y;
        long[] s = grids.getShape().getShape();
        NDArray pooled = lifetimes.step(() -> grids.reshape(s[0], s[1], s[2] * s[3]).mean(new int[] {2}));
        lifetimes.done(grids);
        return pooled;
    }

    /**
     * The net averaged over the four quarter turns, {@code 1/4 sum_k f(R^k x)}: the function of
     * {@link RotationAveraging#invariant} on {@link #forward}, computed with turned filters
     * ({@link GridConv#forwardTurned}) instead of turned grids. Needs circular padding.
     *
     * @param x (M, C_in, L, L); left to the caller
     * @return (M, width)
     */
    NDArray forwardAveraged(NDArray x, Intermediates lifetimes) {
        NDArray y = x;
        for (GridConv c : convs) {
            NDArray in = y;
            y = lifetimes.step(() -> Activation.relu(c.forwardTurned(in, null)));
            if (in != x) {
                lifetimes.done(in);
            }
        }
        NDArray grids = y;
        long[] s = grids.getShape().getShape();
        NDArray pooled = lifetimes.step(() -> grids.reshape(s[0], GridConv.TURNS, width, s[2] * s[3])
                .mean(new int[] {3}).mean(new int[] {1}));
        lifetimes.done(grids);
        return pooled;
    }
}
