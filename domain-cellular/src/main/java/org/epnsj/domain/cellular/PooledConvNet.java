package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.epnsj.domain.cellular.CellWindows.Field;
import org.epnsj.runtime.nn.Intermediates;
import org.epnsj.runtime.nn.ParameterSet;
import org.epnsj.runtime.ops.Ops;

/**
 * The trunk of the cell prior and posterior nets (spec section 4.5): convolutions with ReLU, then
 * the spatial mean, one vector per grid. With circular padding the mean makes it exactly
 * translation invariant. (The reference's unpadded 9x9 convolutions and max-pooling need grids of
 * at least 72 sites and are only approximately invariant; 'same' convolutions are used instead.)
 */
final class PooledConvNet {

    /** What a windowed pass does with the four quarter turns. */
    enum Turns {
        /** The plain net, turned by none. */
        NONE,
        /** The mean over the four turns: an invariant vector per grid. */
        MEAN,
        /** One vector per turn, k-major: turn k's is that of the grid turned by k (an oriented latent's). */
        EACH
    }

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

    /**
     * {@link #forwardAveraged} (or, for a pointwise net, {@link #forward}) on a windowed node field
     * (see {@link SpatialConvGnnLayer#forwardWindowed}): the group's rows as values, the windows as
     * differences from their background; the spatial mean of a windowed node is its background's sum
     * plus its window's summed difference, over L². Equal to the full-grid net where the windows hold
     * their whole difference.
     *
     * @param plan the nodes' places
     * @param input the group's input (G, C_in, L, L) and the windows' difference of the first {@code
     *     c} input channels (W, c, s, s), the difference of the others being zero
     * @param radius the radius of the windows' input differences; each convolution widens it by its reach
     * @param turns the plain net, its mean over the quarter turns or its value on each (both need
     *     circular padding)
     * @return (B N, width), the mean over the grid of every node, node-major within each sample; (B N,
     *     4 width) for each turn
     */
    NDArray forwardWindowed(CellWindows plan, Field input, int radius, Turns turns, Intermediates lifetimes) {
        boolean averaged = turns != Turns.NONE;
        NDManager manager = input.group().getManager();
        int channels = input.windows() == null ? 0 : (int) input.windows().getShape().get(1);
        NDArray g = input.group();
        NDArray d = input.windows();
        int r = radius;
        for (int i = 0; i < convs.size(); i++) {
            GridConv c = convs.get(i);
            boolean first = i == 0;
            NDArray gIn = g;
            NDArray dIn = d;
            r += (c.kernel() - 1) / 2;
            int outRadius = r;
            NDList out = SpatialConvGnnLayer.keep(lifetimes, plan, () -> {
                boolean pointwise = !averaged && c.kernel() == 1;
                NDArray groupPre = averaged ? c.forwardTurned(gIn, null)
                        : pointwise ? c.forwardPointwise(gIn) : c.forward(gIn);
                NDArray groupPost = Activation.relu(groupPre);
                NDList list = new NDList(groupPost);
                if (dIn == null) {
                    list.add(null);
                } else {
                    int from = first ? channels : width;
                    NDArray windowPre;
                    if (pointwise) {
                        windowPre = GridConv.applyPointwise(dIn, c.pointwise(manager, 0, from));
                    } else {
                        NDArray filters = averaged ? c.turnedFilters(manager, 0, from) : c.filters(manager, 0, from);
                        windowPre = GridConv.itemConv(dIn, filters, averaged && !first ? GridConv.TURNS : 1, false);
                    }
                    list.add(SpatialConvGnnLayer.difference(plan, windowPre, groupPre, groupPost, outRadius));
                }
                return list;
            });
            if (!first) {
                lifetimes.done(gIn, dIn);
            }
            g = out.get(0);
            d = out.get(1);
        }
        NDArray gLast = g;
        NDArray dLast = d;
        long sites = (long) plan.side() * plan.side();
        long pooledWidth = turns == Turns.EACH ? (long) GridConv.TURNS * width : width;
        NDArray pooled = SpatialConvGnnLayer.keep(lifetimes, plan, () -> new NDList(Ops.div(plan.perNodeRows(
                spatialSum(gLast, turns), dLast == null ? null : spatialSum(dLast, turns)), sites)
                .reshape(-1, pooledWidth))).get(0);
        lifetimes.done(gLast);
        if (dLast != null) {
            lifetimes.done(dLast);
        }
        return pooled;
    }

    /**
     * The sum over the grid: (M, width), averaged over the turns when they are channel groups, or
     * (M, 4 width), one per turn.
     */
    private NDArray spatialSum(NDArray grids, Turns turns) {
        long[] s = grids.getShape().getShape();
        if (turns != Turns.MEAN) {
            return grids.reshape(s[0], s[1], s[2] * s[3]).sum(new int[] {2});
        }
        return grids.reshape(s[0], GridConv.TURNS, width, s[2] * s[3]).sum(new int[] {3}).mean(new int[] {1});
    }
}
