package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import org.epnsj.domain.cellular.CellWindows.NodeItems;
import org.epnsj.runtime.nn.Intermediates;
import org.epnsj.runtime.nn.ParameterSet;
import org.epnsj.runtime.ops.Ops;

/**
 * One SpatialConv-GNN ("grid DeepSet") layer (spec section 4.4) on node grids (B N, C_in, L, L),
 * the N nodes of a sample consecutive: a shared edge network of convolutions per node, the mean
 * of its output over the nodes of each sample (all ids, present or not), and a shared node network
 * on [node grid, aggregate]: a 1x1 convolution followed by convolutions, ReLU after each. Every
 * operation is shared across nodes and the aggregate is a mean, so the layer is permutation
 * equivariant; with circular padding it is translation equivariant.
 *
 * <p>Unlike the reference, the edge network runs at full resolution (no 2x2 stride-2 down- and
 * up-sampling) and the node network is a plain convolution stack instead of a U-Net: strided
 * sampling would make translations by an odd number of sites inexact.
 */
final class SpatialConvGnnLayer {

    private final int width;
    private final List<GridConv> edge = new ArrayList<>();
    private final GridConv mix;
    private final List<GridConv> node = new ArrayList<>();

    SpatialConvGnnLayer(ParameterSet params, String name, int in, int width, int edgeKernel, int edgeLayers,
            int nodeKernel, int nodeLayers, GridConv.Padding padding) {
        this.width = width;
        for (int i = 0; i < edgeLayers; i++) {
            edge.add(new GridConv(params, name + ".edge." + i, i == 0 ? in : width, width, edgeKernel, padding));
        }
        this.mix = new GridConv(params, name + ".node.mix", in + width, width, 1, padding);
        for (int i = 0; i < nodeLayers; i++) {
            node.add(new GridConv(params, name + ".node." + i, width, width, nodeKernel, padding));
        }
    }

    /** (B N, C_in, L, L) to (B N, width, L, L); {@code x} is left to the caller. */
    NDArray forward(NDArray x, int nodes, Intermediates lifetimes) {
        NDArray a = x;
        for (GridConv c : edge) {
            NDArray in = a;
            a = lifetimes.step(() -> Activation.relu(c.forward(in)));
            if (in != x) {
                lifetimes.done(in);
            }
        }
        NDArray edges = a;
        long[] s = edges.getShape().getShape();
        long samples = s[0] / nodes;
        // Trailing axes collapsed into one: reductions and broadcasts over a middle axis of a 5-D or
        // 6-D array are several times slower (MXNet above all), measured.
        NDArray aggregate = lifetimes.step(() -> edges.reshape(samples, nodes, s[1] * s[2] * s[3])
                .mean(new int[] {1}, true).repeat(1, nodes).reshape(s));
        lifetimes.done(edges);
        NDArray y = lifetimes.step(() -> Activation.relu(mix.forward(NDArrays.concat(new NDList(x, aggregate), 1))));
        lifetimes.done(aggregate);
        for (GridConv c : node) {
            NDArray in = y;
            y = lifetimes.step(() -> Activation.relu(c.forward(in)));
            lifetimes.done(in);
        }
        return y;
    }

    /**
     * The layer averaged over the four quarter turns, {@code 1/4 sum_k R^-k f(R^k [x, c])} with c the
     * constant channels broadcast over the grid: the function of {@link RotationAveraging#equivariant}
     * on {@link #forward}, with the same parameters, computed without turning a grid. The edge and
     * node networks run the four turns as four channel groups with turned filters
     * ({@link GridConv#forwardTurned}); x's share of the mixing convolution, and the constant
     * channels' share of every convolution, are the same for all turns and computed once; the
     * aggregate's share is computed once per sample rather than per node. Needs circular padding.
     *
     * @param x (B N, C, L, L) node grids; left to the caller
     * @param constant (B N, C_in - C) channels constant over the grid (the decoder's latent), or {@code null}
     * @return (B N, width, L, L)
     */
    NDArray forwardAveraged(NDArray x, NDArray constant, int nodes, Intermediates lifetimes) {
        NDArray a = x;
        for (GridConv c : edge) {
            NDArray in = a;
            NDArray constantIn = in == x ? constant : null;
            a = lifetimes.step(() -> Activation.relu(c.forwardTurned(in, constantIn)));
            if (in != x) {
                lifetimes.done(in);
            }
        }
        NDArray edges = a;
        long[] s = edges.getShape().getShape();
        long samples = s[0] / nodes;
        // (B, 4 width, L, L): one aggregate per sample and turn.
        NDArray aggregate = lifetimes.step(() -> edges.reshape(samples, nodes, s[1] * s[2] * s[3]).mean(new int[] {1})
                .reshape(samples, s[1], s[2], s[3]));
        lifetimes.done(edges);
        NDArray y = lifetimes.step(() -> Activation.relu(mixed(x, constant, aggregate, nodes)));
        lifetimes.done(aggregate);
        for (GridConv c : node) {
            NDArray in = y;
            y = lifetimes.step(() -> Activation.relu(c.forwardTurned(in, null)));
            lifetimes.done(in);
        }
        NDArray turns = y;
        NDArray mean = lifetimes.step(() -> turns.reshape(s[0], GridConv.TURNS, width * s[2] * s[3])
                .mean(new int[] {1}).reshape(s[0], width, s[2], s[3]));
        lifetimes.done(turns);
        return mean;
    }

    /**
     * {@link #forwardAveraged} on a windowed node field ({@link CellWindows}): the background (an
     * empty id's grid, one per sample) on the full grid, each node's difference from it on its item.
     * Every convolution of an item is the convolution of its difference plus the background's
     * pre-activation cropped to the item, and its output difference the ReLU of that minus the ReLU of
     * the crop; the aggregate is the background's plus the items' sum over the sample's nodes placed
     * on the grid, divided by the node count. So, where the items hold their whole difference (the
     * plan's margin), the values are those of {@link #forwardAveraged} on the full node grids.
     *
     * <p>The mixing convolution sees the aggregate, the same for every node, so a node's own
     * difference leaves it only where its input differed: the edge network widens a node's difference
     * for the aggregate alone, and the layer's output difference spreads only by the node network.
     *
     * @param plan the items
     * @param background the background input grids (B, C, L, L)
     * @param backgroundConstant channels constant over the grid of the background (B, C_in - C), or
     *     {@code null}
     * @param input the items' input difference: grids (., C, s, s), or with {@code lift}, masks (., 1,
     *     s, s) whose difference is {@code lift} times the mask
     * @param lift (C) or {@code null}
     * @param latent per-item channels (., C_in - C) carried on {@code reach}: their difference is the
     *     latent vector times the item's reach mask; or {@code null}
     * @param reach (., 1, s, s) 0/1 masks, with {@code latent}
     * @return the background output (B, width, L, L) and the items' output differences
     */
    Windowed forwardWindowed(CellWindows plan, NDArray background, NDArray backgroundConstant, NodeItems input,
            NDArray lift, NodeItems latent, NodeItems reach, Intermediates lifetimes) {
        NDManager manager = background.getManager();
        int gridIn = (int) background.getShape().get(1);
        NDArray bg = background;
        NodeItems d = input;
        for (int i = 0; i < edge.size(); i++) {
            GridConv c = edge.get(i);
            boolean first = i == 0;
            NDArray bgIn = bg;
            NodeItems dIn = d;
            NDList out = keep(lifetimes, () -> {
                NDArray bgPre = first && backgroundConstant == null ? c.forwardTurnedLeading(bgIn)
                        : c.forwardTurned(bgIn, first ? backgroundConstant : null);
                NodeItems pre;
                if (first) {
                    NDArray filters = lift == null ? c.turnedFilters(manager, 0, gridIn)
                            : c.turnedFiltersOf(manager, 0, gridIn, lift);
                    pre = dIn.map((x, periodic) -> GridConv.itemConv(x, filters, 1, periodic));
                    if (latent != null) {
                        pre = pre.zip(latentConv(c, manager, gridIn, latent, reach),
                                (a, b, periodic) -> a.add(b));
                    }
                } else {
                    NDArray filters = c.turnedFilters(manager, 0, width);
                    pre = dIn.map((x, periodic) -> GridConv.itemConv(x, filters, GridConv.TURNS, periodic));
                }
                return activate(plan, bgPre, pre);
            });
            if (!first) {
                lifetimes.done(bgIn);
                dIn.parts().forEach(lifetimes::done);
            }
            bg = out.get(0);
            d = items(out);
        }
        NDArray edgeBg = bg;
        NodeItems edgeD = d;
        long turned = (long) GridConv.TURNS * width;
        NDArray aggregate = keep(lifetimes, () -> new NDList(edgeBg.add(plan.scatterSum(edgeD, turned)
                .div(plan.nodes())))).get(0);
        lifetimes.done(edgeBg);
        edgeD.parts().forEach(lifetimes::done);
        NDList mixedOut = keep(lifetimes, () -> {
            NDArray bgPre = mixed(background, backgroundConstant, aggregate, 1);
            NDArray own = mix.pointwise(manager, 0, gridIn);
            NodeItems share = input.map((x, periodic) -> lift == null ? Ops.conv2d(x, own.reshape(width, gridIn, 1, 1),
                    null, 1, 0) : x.mul(own.matMul(lift.reshape(gridIn, 1)).reshape(1, width, 1, 1)));
            if (latent != null) {
                NDArray latentWeights = mix.pointwise(manager, gridIn, mix.in() - width);
                share = share.zip(latent.zip(reach, (z, r, periodic) -> r.mul(
                        z.matMul(latentWeights.transpose()).reshape(-1, width, 1, 1))), (a, b, periodic) -> a.add(b));
            }
            // The own share is the same for every turn.
            NodeItems pre = share.map((x, periodic) -> {
                long[] s = x.getShape().getShape();
                return x.reshape(s[0], 1, width, s[2], s[3]).repeat(1, GridConv.TURNS).reshape(s[0], turned, s[2],
                        s[3]);
            });
            return activate(plan, bgPre, pre);
        });
        lifetimes.done(aggregate);
        bg = mixedOut.get(0);
        d = items(mixedOut);
        for (GridConv c : node) {
            NDArray bgIn = bg;
            NodeItems dIn = d;
            NDList out = keep(lifetimes, () -> {
                NDArray filters = c.turnedFilters(manager, 0, width);
                return activate(plan, c.forwardTurned(bgIn, null),
                        dIn.map((x, periodic) -> GridConv.itemConv(x, filters, GridConv.TURNS, periodic)));
            });
            lifetimes.done(bgIn);
            dIn.parts().forEach(lifetimes::done);
            bg = out.get(0);
            d = items(out);
        }
        NDArray bgTurns = bg;
        NodeItems dTurns = d;
        NDList means = keep(lifetimes, () -> {
            NDList out = new NDList(turnMean(bgTurns));
            out.add(dTurns.windows() == null ? null : turnMean(dTurns.windows()));
            out.add(dTurns.full() == null ? null : turnMean(dTurns.full()));
            return out;
        });
        lifetimes.done(bgTurns);
        dTurns.parts().forEach(lifetimes::done);
        return new Windowed(means.get(0), items(means));
    }

    /** The latent channels' share of the first convolution on every item: a per-item filter on its reach mask. */
    private static NodeItems latentConv(GridConv c, NDManager manager, int gridIn, NodeItems latent,
            NodeItems reach) {
        return latent.zip(reach, (z, r, periodic) -> {
            NDArray filters = c.turnedLatentFilters(manager, gridIn, c.in(), z);
            long[] s = r.getShape().getShape();
            NDArray out = GridConv.itemConv(r.reshape(1, s[0], s[2], s[3]), filters, (int) s[0], periodic);
            return out.reshape(s[0], -1, s[2], s[3]);
        });
    }

    /**
     * The ReLU layer on the background pre-activation (B, C, L, L) and the items' pre-activation
     * differences: [ReLU(background), item differences of the output...] as a list of the background
     * and the parts present (windows, full; {@code null} for a part the plan lacks).
     */
    private static NDList activate(CellWindows plan, NDArray bgPre, NodeItems pre) {
        NodeItems crop = plan.crop(bgPre);
        NodeItems d = pre.zip(crop, (p, c, periodic) -> Activation.relu(p.add(c)).sub(Activation.relu(c)));
        NDList out = new NDList(Activation.relu(bgPre));
        out.add(d.windows());
        out.add(d.full());
        return out;
    }

    private static NodeItems items(NDList list) {
        return new NodeItems(list.get(1), list.get(2));
    }

    private NDArray turnMean(NDArray turns) {
        long[] s = turns.getShape().getShape();
        return turns.reshape(s[0], GridConv.TURNS, width * s[2] * s[3]).mean(new int[] {1})
                .reshape(s[0], width, s[2], s[3]);
    }

    /**
     * Runs one step of a windowed pass whose results are a list, freeing everything else it made
     * when the pass frees intermediates ({@link Intermediates#step}); {@code null} entries allowed.
     */
    static NDList keep(Intermediates lifetimes, java.util.function.Supplier<NDList> op) {
        if (!lifetimes.freesIntermediates()) {
            return op.get();
        }
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            NDList result = op.get();
            for (NDArray a : result) {
                if (a != null) {
                    ai.djl.ndarray.NDScope.unregister(a);
                }
            }
            return result;
        }
    }

    /**
     * The output of a windowed layer.
     *
     * @param background the background's output (B, width, L, L)
     * @param items the items' output differences
     */
    record Windowed(NDArray background, NodeItems items) {}

    /** The mixing 1x1 convolution of [x, constant, aggregate of turn k] for every turn: (B N, 4 width, L, L). */
    private NDArray mixed(NDArray x, NDArray constant, NDArray aggregate, int nodes) {
        NDManager manager = x.getManager();
        long[] xs = x.getShape().getShape();
        int gridIn = (int) xs[1];
        int in = gridIn + (constant == null ? 0 : (int) constant.getShape().get(1));
        long samples = xs[0] / nodes;
        NDArray own = Ops.conv2d(x, mix.filters(manager, 0, gridIn), null, 1, 0);
        NDArray shared;
        if (constant == null) {
            shared = mix.bias().reshape(1, width, 1, 1);
            shared.attach(manager);
        } else {
            shared = Linear.linear(constant, mix.spatialSum(manager, gridIn, in), mix.bias()).singletonOrThrow()
                    .reshape(xs[0], width, 1, 1);
        }
        // The aggregate's channels are the last; any channels between x's and them are zero here.
        NDArray perTurn = Ops.conv2d(aggregate, mix.turnedFilters(manager, mix.in() - width, mix.in()), null, 1, 0,
                GridConv.TURNS);
        NDArray ownShared = own.add(shared);
        long grid = width * xs[2] * xs[3];
        return ownShared.reshape(samples, nodes, 1, grid).add(perTurn.reshape(samples, 1, GridConv.TURNS, grid))
                .reshape(xs[0], (long) GridConv.TURNS * width, xs[2], xs[3]);
    }
}
