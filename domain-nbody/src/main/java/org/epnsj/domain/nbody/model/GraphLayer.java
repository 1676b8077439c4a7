package org.epnsj.domain.nbody.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import org.epnsj.runtime.nn.Dense;
import org.epnsj.runtime.nn.ParameterSet;

/**
 * One message-passing layer on the fully connected body graph with self-pairs (spec §3.4): message
 * m_ij = φ_e([e_ij, h_j, h_i]) with φ_e = Linear, ReLU, Linear, ReLU; a_i = Σ_j m_ij (j = i included);
 * h_i' = φ_n([h_i, a_i]) with φ_n = Linear, ReLU, Linear. Edge attributes are raw inputs, never
 * updated. Sums over bodies make the layer permutation-equivariant.
 *
 * <p>The first message layer is one weight over [e_ij, h_j, h_i], applied as three slices so the
 * node terms are computed per node (n rows) and broadcast over pairs, instead of per pair (n² rows).
 */
final class GraphLayer {

    private final NDArray messageWeight;
    private final NDArray messageBias;
    private final Dense message2;
    private final Dense node1;
    private final Dense node2;
    private final int edgeWidth;
    private final int nodeWidth;

    /**
     * @param nodeWidth d, the width of h
     * @param edgeWidth the number of edge attributes
     * @param width the hidden and output width
     */
    GraphLayer(ParameterSet params, String name, int nodeWidth, int edgeWidth, int width) {
        int in = edgeWidth + 2 * nodeWidth;
        double bound = 1.0 / Math.sqrt(in);
        this.messageWeight = params.uniform(name + ".message.0.weight", new Shape(width, in), bound);
        this.messageBias = params.uniform(name + ".message.0.bias", new Shape(width), bound);
        this.message2 = new Dense(params, name + ".message.1", width, width);
        this.node1 = new Dense(params, name + ".node.0", nodeWidth + width, width);
        this.node2 = new Dense(params, name + ".node.1", width, width);
        this.edgeWidth = edgeWidth;
        this.nodeWidth = nodeWidth;
    }

    /**
     * @param h (B, n, d) node features
     * @param edges (B, n, n, edgeWidth), receiver i on axis 1, sender j on axis 2, in the pair layout
     *     of {@code pairs} ({@link BodyPairs#layout})
     * @param pairs the pair operations for (B, n) nodes
     * @return (B, n, width)
     */
    NDArray forward(NDArray h, NDArray edges, BodyPairs pairs) {
        if (h.getShape().dimension() != 3 || h.getShape().get(2) != nodeWidth) {
            throw new IllegalArgumentException("graph layer expects (B, n, " + nodeWidth + ") nodes, got " + h.getShape());
        }
        if (pairs.edgeWidth(edges) != edgeWidth) {
            throw new IllegalArgumentException("graph layer expects " + edgeWidth + " edge attributes, got shape "
                    + edges.getShape());
        }
        NDArray wEdge = messageWeight.get(new NDIndex(":, 0:{}", edgeWidth));
        NDArray edgeTerm = Linear.linear(edges, wEdge, messageBias).singletonOrThrow();
        NDArray pre = Activation.relu(pairs.combine(edgeTerm, h, messageWeight, edgeWidth, nodeWidth));
        NDArray messages = Activation.relu(message2.forward(pre));
        NDArray aggregated = pairs.sumOverSenders(messages);
        NDArray hidden = Activation.relu(node1.forwardConcatenated(h, aggregated));
        return node2.forward(hidden);
    }
}
