package org.epnsj.domain.flocking.model;

import ai.djl.ndarray.NDArray;
import org.epnsj.runtime.nn.ParameterSet;

/** A stack of {@link MessageLayer}s; the pair attributes enter every layer. */
final class MessageNetwork {

    private final MessageLayer[] layers;

    /** The first layer takes {@code nodeWidth} features, the others {@code width}. */
    MessageNetwork(ParameterSet params, String name, int layers, int nodeWidth, int edgeWidth, int width) {
        if (layers < 1) {
            throw new IllegalArgumentException("a message network needs at least one layer, got " + layers);
        }
        this.layers = new MessageLayer[layers];
        for (int l = 0; l < layers; l++) {
            this.layers[l] = new MessageLayer(params, name + "." + l, l == 0 ? nodeWidth : width, edgeWidth, width);
        }
    }

    /** (B, N, nodeWidth) and (B, N, N, edgeWidth) to the last layer's output. */
    MessageLayer.Output forward(NDArray h, NDArray edges) {
        MessageLayer.Output out = null;
        NDArray x = h;
        for (MessageLayer layer : layers) {
            out = layer.forward(x, edges);
            x = out.nodes();
        }
        return out;
    }

    /** The last layer's node features. */
    NDArray nodes(NDArray h, NDArray edges) {
        return forward(h, edges).nodes();
    }
}
