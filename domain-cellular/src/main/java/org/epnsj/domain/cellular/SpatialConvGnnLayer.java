package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
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
        NDArray perTurn = Ops.conv2d(aggregate, mix.turnedFilters(manager, in, in + width), null, 1, 0, GridConv.TURNS);
        NDArray ownShared = own.add(shared);
        long grid = width * xs[2] * xs[3];
        return ownShared.reshape(samples, nodes, 1, grid).add(perTurn.reshape(samples, 1, GridConv.TURNS, grid))
                .reshape(xs[0], (long) GridConv.TURNS * width, xs[2], xs[3]);
    }
}
