package org.epnsj.domain.nbody.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.ops.Ops;
import org.epnsj.runtime.engine.HostArrays;

/**
 * The pair operations of a message-passing layer on the fully connected graph of n bodies, each in
 * the form its engine runs fastest: pre_ij = edge_ij + s_j + r_i (node terms of the sender and of the
 * receiver spread over the pairs) and a_i = Σ_j m_ij (messages summed over senders).
 *
 * <p>PyTorch: pair arrays (G, n, n, w), broadcasting additions and a sum over axis 2. MXNet reduces
 * over a middle axis, and so also differentiates a broadcast, several times slower than it
 * multiplies matrices (measured at the paper size's 8 x 64 samples, forward and backward: the
 * broadcast additions 160 ms where a batched product took 20, the sum over senders 30 ms where a
 * product took 5), and its reshape and last-axis concatenation copy: there pair arrays are (G, n², w),
 * both operations are batched products with constant 0/1 matrices, per sample (n², 2n) · [s; r] and
 * (n, n²) · m, and s and r come from one product with the two weight blocks stacked. Same values up
 * to float rounding.
 */
final class BodyPairs {

    private final boolean products;
    private final long samples;
    private final int n;
    private final NDArray spread;
    private final NDArray gather;

    private BodyPairs(boolean products, long samples, int n, NDArray spread, NDArray gather) {
        this.products = products;
        this.samples = samples;
        this.n = n;
        this.spread = spread;
        this.gather = gather;
    }

    /**
     * The pair operations for node arrays shaped like {@code h} (G, n, d); the constants of the product
     * form belong to {@code h}'s manager.
     */
    static BodyPairs like(NDArray h) {
        long g = h.getShape().get(0);
        int n = Math.toIntExact(h.getShape().get(1));
        NDManager manager = h.getManager();
        if (!Engines.MXNET.equals(manager.getEngine().getEngineName())) {
            return new BodyPairs(false, g, n, null, null);
        }
        int pairs = n * n;
        int spreadBlock = pairs * 2 * n;
        int gatherBlock = n * pairs;
        float[] spread = new float[Math.toIntExact(g * spreadBlock)];
        float[] gather = new float[Math.toIntExact(g * gatherBlock)];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int p = i * n + j;
                // Node rows are (body, role): 2j is the sender term of j, 2i + 1 the receiver term of i.
                spread[p * 2 * n + 2 * j] = 1;
                spread[p * 2 * n + 2 * i + 1] = 1;
                gather[i * pairs + p] = 1;
            }
        }
        for (long s = 1; s < g; s++) {
            System.arraycopy(spread, 0, spread, (int) s * spreadBlock, spreadBlock);
            System.arraycopy(gather, 0, gather, (int) s * gatherBlock, gatherBlock);
        }
        NDArray spreadArray = HostArrays.of(manager, spread, new Shape(g, pairs, 2L * n)).toType(h.getDataType(), false);
        NDArray gatherArray = HostArrays.of(manager, gather, new Shape(g, n, pairs)).toType(h.getDataType(), false);
        return new BodyPairs(true, g, n, spreadArray, gatherArray);
    }

    /** Edge attributes (G, n, n, k) in this engine's pair layout. */
    NDArray layout(NDArray edges) {
        Shape s = edges.getShape();
        if (s.dimension() != 4 || s.get(0) != samples || s.get(1) != n || s.get(2) != n) {
            throw new IllegalArgumentException("edge attributes must have shape (" + samples + ", " + n + ", " + n
                    + ", k), got " + s);
        }
        return products ? Ops.reshapeView(edges, new Shape(samples, (long) n * n, s.get(3))) : edges;
    }

    /** The number of edge attributes of an array in this layout. */
    long edgeWidth(NDArray edges) {
        Shape s = edges.getShape();
        return s.get(s.dimension() - 1);
    }

    /**
     * pre_ij = edge_ij + Σ_c W_s[o, c] h_jc + Σ_c W_r[o, c] h_ic, where {@code weight} (w, e + 2d) holds
     * [W_e, W_s, W_r] column blocks (the edge block is already in {@code edge}).
     *
     * @param edge the edge term in this layout, (G, n, n, w) or (G, n², w)
     * @param h (G, n, d) node features
     */
    NDArray combine(NDArray edge, NDArray h, NDArray weight, int edgeWidth, int nodeWidth) {
        if (!products) {
            NDArray wSender = weight.get(new NDIndex(":, {}:{}", edgeWidth, edgeWidth + nodeWidth));
            NDArray wReceiver = weight.get(new NDIndex(":, {}:", edgeWidth + nodeWidth));
            NDArray sender = Linear.linear(h, wSender).singletonOrThrow();
            NDArray receiver = Linear.linear(h, wReceiver).singletonOrThrow();
            return edge.add(sender.expandDims(1)).add(receiver.expandDims(2));
        }
        long w = weight.getShape().get(0);
        // Rows (o, role) of the stacked weight give outputs (role, o): one product, no concatenation.
        NDArray stacked = Ops.reshapeView(weight.get(new NDIndex(":, {}:", edgeWidth)), new Shape(w, 2, nodeWidth))
                .transpose(1, 0, 2);
        NDArray roles = Linear.linear(h, Ops.reshapeView(stacked, new Shape(2 * w, nodeWidth))).singletonOrThrow();
        NDArray nodes = Ops.reshapeView(roles, new Shape(samples, 2L * n, w));
        return Ops.plus(spread.batchDot(nodes), edge);
    }

    /** Σ_j messages_ij: pair layout to (G, n, w). */
    NDArray sumOverSenders(NDArray messages) {
        return products ? gather.batchDot(messages) : messages.sum(new int[] {2});
    }
}
