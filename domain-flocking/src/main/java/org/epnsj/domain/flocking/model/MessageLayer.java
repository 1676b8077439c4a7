package org.epnsj.domain.flocking.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import org.epnsj.runtime.nn.Dense;
import org.epnsj.runtime.nn.ParameterSet;

/**
 * One message-passing layer on the complete particle graph with self-pairs: message
 * m_ij = φ_e([e_ij, h_j, h_i]) with φ_e = Linear, ReLU, Linear, ReLU; a_i = mean_j m_ij (j = i
 * included); h_i' = φ_n([h_i, a_i]) with φ_n = Linear, ReLU, Linear. The mean over senders makes the
 * layer permutation-equivariant and keeps its scale independent of the particle count.
 *
 * <p>The first message layer is one weight over [e_ij, h_j, h_i], applied as three slices so the node
 * terms are computed per particle (N rows) and broadcast over pairs, instead of per pair (N² rows).
 */
final class MessageLayer {

    /** A layer's output: the new node features and the messages that formed them. */
    record Output(NDArray nodes, NDArray messages) {}

    private final NDArray messageWeight;
    private final NDArray messageBias;
    private final Dense message2;
    private final Dense node1;
    private final Dense node2;
    private final int edgeWidth;
    private final int nodeWidth;

    /**
     * @param nodeWidth the width of h
     * @param edgeWidth the number of pair attributes
     * @param width the message, hidden and output width
     */
    MessageLayer(ParameterSet params, String name, int nodeWidth, int edgeWidth, int width) {
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
     * @param h (B, N, nodeWidth) node features
     * @param edges (B, N, N, edgeWidth), receiver i on axis 1, sender j on axis 2
     */
    Output forward(NDArray h, NDArray edges) {
        if (h.getShape().dimension() != 3 || h.getShape().get(2) != nodeWidth) {
            throw new IllegalArgumentException("message layer expects (B, N, " + nodeWidth + ") nodes, got " + h.getShape());
        }
        if (edges.getShape().dimension() != 4 || edges.getShape().get(3) != edgeWidth) {
            throw new IllegalArgumentException("message layer expects (B, N, N, " + edgeWidth + ") edges, got "
                    + edges.getShape());
        }
        NDArray wEdge = messageWeight.get(new NDIndex(":, 0:{}", edgeWidth));
        NDArray wSender = messageWeight.get(new NDIndex(":, {}:{}", edgeWidth, edgeWidth + nodeWidth));
        NDArray wReceiver = messageWeight.get(new NDIndex(":, {}:", edgeWidth + nodeWidth));
        NDArray edgeTerm = Linear.linear(edges, wEdge, messageBias).singletonOrThrow();
        NDArray sender = Linear.linear(h, wSender).singletonOrThrow().expandDims(1);
        NDArray receiver = Linear.linear(h, wReceiver).singletonOrThrow().expandDims(2);
        NDArray pre = Activation.relu(edgeTerm.add(sender).add(receiver));
        NDArray messages = Activation.relu(message2.forward(pre));
        NDArray aggregated = messages.mean(new int[] {2});
        NDArray hidden = Activation.relu(node1.forward(NDArrays.concat(new NDList(h, aggregated), -1)));
        return new Output(node2.forward(hidden), messages);
    }
}
