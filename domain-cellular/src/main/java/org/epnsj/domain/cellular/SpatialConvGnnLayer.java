package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import org.epnsj.domain.cellular.CellWindows.Field;
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
     * {@link #forwardAveraged} on a windowed node field ({@link CellWindows}): the group (the samples'
     * backgrounds, an empty id's grids, and the nodes computed on the full grid) as values, the
     * windowed nodes as differences from their background. A window's convolution is the convolution
     * of its difference plus the background's pre-activation cropped to it, and its output difference
     * the ReLU of that minus the ReLU of the crop; the aggregate counts every node a window or absent
     * id stands for as the background and adds the windows' differences placed on the grid. So, where
     * the windows hold their whole difference (the plan's margin), the values are those of {@link
     * #forwardAveraged} on the full node grids.
     *
     * <p>A window's input difference lies within {@code radius} sites of its node's sites; the edge
     * network's output lies within that plus the edge network's reach (where the aggregate is
     * gathered), the mixing output within {@code radius}: the aggregate is the same for every node,
     * so a node's own difference leaves the mixing only where its input differed, and the layer's
     * output lies within {@code radius} plus the node network's reach.
     *
     * @param plan the nodes' places
     * @param input the group's input grids (G, C, L, L) and the windows' input differences: grids (W,
     *     C, s, s), or with {@code lift}, masks (W, 1, s, s) whose difference is {@code lift} times
     *     the mask
     * @param lift (C) or {@code null}
     * @param groupMasks with {@code lift}, the group rows' masks (G, 1, L, L), zero on the backgrounds,
     *     when every full node's input is its background's plus {@code lift} times its mask; or {@code
     *     null}
     * @param constant channels constant over the grid for every group row (G, C_in - C), the same
     *     for a sample's nodes (a global latent): the windows' difference in them is zero; or {@code
     *     null}
     * @param latent per-node channels (C_in - C) carried on the node's reach mask: rows for the group
     *     (G, c; zero on the backgrounds) and the windows (W, c), or, for an oriented latent, one such
     *     vector per turn (G, 4 c) and (W, 4 c), turn k's read by the branch of turn k; or {@code null}
     * @param reach the 0/1 reach masks, group (G, 1, L, L) and windows (W, 1, s, s), with {@code latent}
     * @param radius the radius of the windows' input differences and masks
     * @return the group's output (G, width, L, L), the windows' output differences and their radius
     */
    Windowed forwardWindowed(CellWindows plan, Field input, NDArray lift, NDArray groupMasks, NDArray constant,
            Field latent, Field reach, int radius, Intermediates lifetimes) {
        NDArray groupIn = input.group();
        NDManager manager = groupIn.getManager();
        int gridIn = (int) groupIn.getShape().get(1);
        long turned = (long) GridConv.TURNS * width;
        NDArray g = groupIn;
        NDArray d = input.windows();
        int r = radius;
        for (int i = 0; i < edge.size(); i++) {
            GridConv c = edge.get(i);
            boolean first = i == 0;
            NDArray gIn = g;
            NDArray dIn = d;
            r += (c.kernel() - 1) / 2;
            int outRadius = r;
            NDList out = keep(lifetimes, plan, () -> {
                NDArray groupPre;
                NDArray windowPre = null;
                if (first && lift != null && groupMasks != null) {
                    // The full nodes' input is the background's plus the lift times their mask: the
                    // background's convolution (once per sample) plus that of the mask.
                    NDArray backgrounds = gIn.get(new NDIndex("0:" + plan.batch()));
                    groupPre = plan.perGroupRow(c.forwardTurned(backgrounds, null)).add(GridConv.itemConv(
                            groupMasks, c.turnedFiltersOf(manager, 0, gridIn, lift), 1, true));
                    if (dIn != null) {
                        windowPre = GridConv.itemConv(dIn, c.turnedFiltersOf(manager, 0, gridIn, lift), 1, false);
                    }
                } else if (first) {
                    groupPre = constant != null ? c.forwardTurned(gIn, constant) : c.forwardTurnedLeading(gIn);
                    if (dIn != null) {
                        NDArray filters = lift == null ? c.turnedFilters(manager, 0, gridIn)
                                : c.turnedFiltersOf(manager, 0, gridIn, lift);
                        windowPre = GridConv.itemConv(dIn, filters, 1, false);
                    }
                    if (latent != null) {
                        groupPre = groupPre.add(latentConv(c, manager, gridIn, latent.group(), reach.group(), true));
                        if (dIn != null) {
                            windowPre = windowPre.add(latentConv(c, manager, gridIn, latent.windows(),
                                    reach.windows(), false));
                        }
                    }
                } else {
                    groupPre = c.forwardTurned(gIn, null);
                    if (dIn != null) {
                        windowPre = GridConv.itemConv(dIn, c.turnedFilters(manager, 0, width), GridConv.TURNS, false);
                    }
                }
                return activate(plan, groupPre, windowPre, outRadius);
            });
            if (!first) {
                lifetimes.done(gIn, dIn);
            }
            g = out.get(0);
            d = out.get(1);
        }
        NDArray edgeGroup = g;
        NDArray edgeWindows = d;
        int edgeRadius = r;
        NDArray aggregate = keep(lifetimes, plan, () -> new NDList(plan.nodeMean(edgeGroup, edgeWindows, edgeRadius)))
                .get(0);
        lifetimes.done(edgeGroup);
        if (edgeWindows != null) {
            lifetimes.done(edgeWindows);
        }
        NDList mixedOut = keep(lifetimes, plan, () -> {
            NDArray own = mix.pointwise(manager, 0, gridIn);
            // Each group row's own share (its grids, its constant or latent channels, the bias), the same
            // for every turn, plus its sample's aggregate share per turn.
            NDArray groupOwn = GridConv.applyPointwise(groupIn, own);
            NDArray shared;
            if (constant != null) {
                shared = Linear.linear(constant, mix.spatialSum(manager, gridIn, mix.in() - width), mix.bias())
                        .singletonOrThrow().reshape(-1, width, 1, 1);
            } else {
                shared = mix.bias().reshape(1, width, 1, 1);
                shared.attach(manager);
            }
            groupOwn = groupOwn.add(shared);
            NDArray latentWeights = latent == null ? null : mix.pointwise(manager, gridIn, mix.in() - width);
            if (latent != null) {
                groupOwn = acrossTurns(groupOwn, latentShare(latent.group(), reach.group(), latentWeights));
            }
            NDArray perTurn = plan.perGroupRow(Ops.conv2d(aggregate, mix.turnedFilters(manager, mix.in() - width,
                    mix.in()), null, 1, 0, GridConv.TURNS));
            NDArray groupPre = acrossTurns(perTurn, groupOwn);
            NDArray windowPre = null;
            NDArray dx = input.windows();
            if (dx != null) {
                NDArray windowOwn = lift == null ? GridConv.applyPointwise(dx, own)
                        : dx.mul(own.matMul(lift.reshape(gridIn, 1)).reshape(1, width, 1, 1));
                if (latent != null) {
                    windowOwn = acrossTurns(windowOwn, latentShare(latent.windows(), reach.windows(), latentWeights));
                }
                windowPre = windowOwn;
            }
            return activateMixed(plan, groupPre, windowPre, radius);
        });
        lifetimes.done(aggregate);
        g = mixedOut.get(0);
        d = mixedOut.get(1);
        r = radius;
        for (GridConv c : node) {
            NDArray gIn = g;
            NDArray dIn = d;
            r += (c.kernel() - 1) / 2;
            int outRadius = r;
            NDList out = keep(lifetimes, plan, () -> activate(plan, c.forwardTurned(gIn, null), dIn == null ? null
                    : GridConv.itemConv(dIn, c.turnedFilters(manager, 0, width), GridConv.TURNS, false), outRadius));
            lifetimes.done(gIn, dIn);
            g = out.get(0);
            d = out.get(1);
        }
        NDArray gTurns = g;
        NDArray dTurns = d;
        NDList means = keep(lifetimes, plan, () -> {
            NDList out = new NDList(turnMean(gTurns));
            out.add(dTurns == null ? null : turnMean(dTurns));
            return out;
        });
        lifetimes.done(gTurns);
        if (dTurns != null) {
            lifetimes.done(dTurns);
        }
        return new Windowed(new Field(means.get(0), means.get(1)), r);
    }

    /**
     * The latent channels' share of a first convolution: item i's input is its latent vector times its
     * reach mask, so its share is the mask convolved with the turned filters contracted with the vector
     * (a convolution grouped by item).
     */
    private static NDArray latentConv(GridConv c, NDManager manager, int gridIn, NDArray latent, NDArray reach,
            boolean periodic) {
        NDArray filters = c.turnedLatentFilters(manager, gridIn, c.in(), latent);
        long[] s = reach.getShape().getShape();
        NDArray out = GridConv.itemConv(reach.reshape(1, s[0], s[2], s[3]), filters, (int) s[0], periodic);
        long[] o = out.getShape().getShape();
        return out.reshape(s[0], -1, o[2], o[3]);
    }

    /**
     * The latent channels' share of a 1x1 convolution: (W_z latent) times the reach mask, (M, width, s,
     * s), or (M, 4 width, s, s) with one latent vector per turn.
     */
    private NDArray latentShare(NDArray latent, NDArray reach, NDArray weights) {
        long c = weights.getShape().get(1);
        long perItem = latent.getShape().get(1) / c;
        return reach.mul(latent.reshape(-1, c).matMul(weights.transpose()).reshape(-1, perItem * width, 1, 1));
    }

    /**
     * The sum of two grids (M, width, s, s) or (M, 4 width, s, s), one per turn: a grid of width channels
     * is the same for every turn and is added to each.
     */
    private NDArray acrossTurns(NDArray a, NDArray b) {
        if (a.getShape().get(1) == b.getShape().get(1)) {
            return a.add(b);
        }
        NDArray turns = a.getShape().get(1) == width ? b : a;
        NDArray same = turns == a ? b : a;
        long[] s = turns.getShape().getShape();
        return turns.reshape(s[0], GridConv.TURNS, width, s[2], s[3]).add(same.expandDims(1)).reshape(s);
    }

    /**
     * A ReLU layer: [ReLU(group pre-activation), the windows' output differences ReLU(pre + crop) -
     * ReLU(crop) at the radius, or {@code null} without windows].
     */
    private static NDList activate(CellWindows plan, NDArray groupPre, NDArray windowPre, int radius) {
        NDArray groupPost = Activation.relu(groupPre);
        NDList out = new NDList(groupPost);
        out.add(windowPre == null ? null : difference(plan, windowPre, groupPre, groupPost, radius));
        return out;
    }

    /**
     * {@link #activate} for the mixing layer, whose window pre-activation is the same for every turn
     * (M, width, s, s), or, with an oriented latent, one per turn (M, 4 width, s, s).
     */
    private NDList activateMixed(CellWindows plan, NDArray groupPre, NDArray windowOwn, int radius) {
        NDArray groupPost = Activation.relu(groupPre);
        NDList out = new NDList(groupPost);
        if (windowOwn == null) {
            out.add(null);
        } else {
            NDArray crop = plan.crop(groupPre, radius);
            out.add(Activation.relu(acrossTurns(crop, windowOwn)).sub(croppedPost(plan, crop, groupPost, radius)));
        }
        return out;
    }

    /**
     * A window's output difference after a ReLU layer, ReLU(pre + crop) - ReLU(crop), with crop the
     * background's pre-activation {@code groupPre} cropped to the window at the radius.
     */
    static NDArray difference(CellWindows plan, NDArray windowPre, NDArray groupPre, NDArray groupPost,
            int radius) {
        NDArray crop = plan.crop(groupPre, radius);
        return Activation.relu(windowPre.add(crop)).sub(croppedPost(plan, crop, groupPost, radius));
    }

    /**
     * ReLU of a crop: computed on the crop, or, for a large plan ({@link CellWindows#largePixels}),
     * cropped from the background's ReLU output, one more gather whose backward pass keeps only
     * indices where the ReLU's keeps its window-sized output.
     */
    private static NDArray croppedPost(CellWindows plan, NDArray crop, NDArray groupPost, int radius) {
        return plan.large() ? plan.crop(groupPost, radius) : Activation.relu(crop);
    }

    private NDArray turnMean(NDArray turns) {
        long[] s = turns.getShape().getShape();
        return turns.reshape(s[0], GridConv.TURNS, width * s[2] * s[3]).mean(new int[] {1})
                .reshape(s[0], width, s[2], s[3]);
    }

    /**
     * Runs one step of a windowed pass whose results are a list ({@code null} entries allowed),
     * freeing everything else it made when the pass frees intermediates ({@link Intermediates#step})
     * or when the plan's engine keeps what a backward pass needs by itself ({@link
     * CellWindows#freesTransients}): then a training step holds only the arrays autograd saved.
     */
    static NDList keep(Intermediates lifetimes, CellWindows plan, java.util.function.Supplier<NDList> op) {
        if (!lifetimes.freesIntermediates() && !plan.freesTransients()) {
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
     * @param field the group's output and the windows' output differences
     * @param radius the windows' radius
     */
    record Windowed(Field field, int radius) {}

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
