package org.epnsj.domain.nbody.model;

import ai.djl.ndarray.NDArray;
import org.epnsj.runtime.nn.ParameterSet;

/** A stack of {@link GraphLayer}s; the edge attributes enter every layer (spec §3.4). */
final class GraphNetwork {

    private final GraphLayer[] layers;

    /** The first layer takes {@code nodeWidth} features, the others {@code width}. */
    GraphNetwork(ParameterSet params, String name, int layers, int nodeWidth, int edgeWidth, int width) {
        if (layers < 1) {
            throw new IllegalArgumentException("a graph network needs at least one layer, got " + layers);
        }
        this.layers = new GraphLayer[layers];
        for (int l = 0; l < layers; l++) {
            this.layers[l] = new GraphLayer(params, name + "." + l, l == 0 ? nodeWidth : width, edgeWidth, width);
        }
    }

    /** (B, n, nodeWidth) and (B, n, n, edgeWidth) to (B, n, width). */
    NDArray forward(NDArray h, NDArray edges) {
        BodyPairs pairs = BodyPairs.like(h);
        NDArray pairEdges = pairs.layout(edges);
        NDArray x = h;
        for (GraphLayer layer : layers) {
            x = layer.forward(x, pairEdges, pairs);
        }
        return x;
    }
}
