package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import org.epnsj.runtime.nn.Intermediates;
import org.epnsj.runtime.nn.ParameterSet;

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

    private final List<GridConv> edge = new ArrayList<>();
    private final GridConv mix;
    private final List<GridConv> node = new ArrayList<>();

    SpatialConvGnnLayer(ParameterSet params, String name, int in, int width, int edgeKernel, int edgeLayers,
            int nodeKernel, int nodeLayers, GridConv.Padding padding) {
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
        NDArray aggregate = lifetimes.step(() -> edges.reshape(samples, nodes, s[1], s[2], s[3])
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
}
