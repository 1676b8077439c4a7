package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.epnsj.domain.cellular.CellWindows.NodeItems;
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

    /**
     * {@link #forwardAveraged} (or, for a pointwise net, {@link #forward}) on a windowed node field:
     * the background on the full grid, each node's difference on its item (see {@link
     * SpatialConvGnnLayer#forwardWindowed}); the spatial mean of a node is the background's sum plus
     * its item's summed difference, over L². Equal to the full-grid net where the items hold their
     * whole difference.
     *
     * @param plan the items
     * @param background the background input (B, C_in, L, L)
     * @param input the items' difference of the first {@code c} input channels (., c, s, s); the
     *     difference of the others is zero
     * @param averaged whether to average over the quarter turns (needs circular padding)
     * @return (B N, width), the mean over the grid of every node, node-major within each sample
     */
    NDArray forwardWindowed(CellWindows plan, NDArray background, NodeItems input, boolean averaged,
            Intermediates lifetimes) {
        NDManager manager = background.getManager();
        int channels = (int) (input.windows() != null ? input.windows() : input.full()).getShape().get(1);
        NDArray bg = background;
        NodeItems d = input;
        for (int i = 0; i < convs.size(); i++) {
            GridConv c = convs.get(i);
            boolean first = i == 0;
            NDArray bgIn = bg;
            NodeItems dIn = d;
            NDList out = SpatialConvGnnLayer.keep(lifetimes, () -> {
                NDArray bgPre;
                NodeItems pre;
                if (averaged) {
                    bgPre = c.forwardTurned(bgIn, null);
                    NDArray filters = c.turnedFilters(manager, 0, first ? channels : width);
                    int groups = first ? 1 : GridConv.TURNS;
                    pre = dIn.map((x, periodic) -> GridConv.itemConv(x, filters, groups, periodic));
                } else {
                    bgPre = c.forward(bgIn);
                    NDArray filters = c.filters(manager, 0, first ? channels : width);
                    pre = dIn.map((x, periodic) -> GridConv.itemConv(x, filters, 1, periodic));
                }
                NodeItems crop = plan.crop(bgPre);
                NodeItems diff = pre.zip(crop, (p, q, periodic) -> Activation.relu(p.add(q)).sub(Activation.relu(q)));
                NDList list = new NDList(Activation.relu(bgPre));
                list.add(diff.windows());
                list.add(diff.full());
                return list;
            });
            if (!first) {
                lifetimes.done(bgIn);
                dIn.parts().forEach(lifetimes::done);
            }
            bg = out.get(0);
            d = new NodeItems(out.get(1), out.get(2));
        }
        NDArray bgLast = bg;
        NodeItems dLast = d;
        long sites = (long) plan.side() * plan.side();
        NDArray pooled = SpatialConvGnnLayer.keep(lifetimes, () -> {
            NDArray bgSum = spatialSum(bgLast, averaged);
            NDArray windows = dLast.windows() == null ? null : spatialSum(dLast.windows(), averaged);
            NDArray full = dLast.full() == null ? null : spatialSum(dLast.full(), averaged);
            return new NDList(plan.perNodeRows(bgSum, windows, full).div(sites).reshape(-1, width));
        }).get(0);
        lifetimes.done(bgLast);
        dLast.parts().forEach(lifetimes::done);
        return pooled;
    }

    /** The sum over the grid, averaged over the turns when they are channel groups: (M, width). */
    private NDArray spatialSum(NDArray grids, boolean turns) {
        long[] s = grids.getShape().getShape();
        if (!turns) {
            return grids.reshape(s[0], s[1], s[2] * s[3]).sum(new int[] {2});
        }
        return grids.reshape(s[0], GridConv.TURNS, width, s[2] * s[3]).sum(new int[] {3}).mean(new int[] {1});
    }
}
