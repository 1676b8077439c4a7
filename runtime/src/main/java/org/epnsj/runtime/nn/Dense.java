package org.epnsj.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.ops.Ops;

/**
 * A fully connected layer y = x W^T + b on the last axis. Uses DJL's functional {@code linear},
 * which is far faster on MXNet than a broadcasting matMul and puts the input first, so results
 * belong to the input's manager.
 */
public final class Dense {

    private final NDArray weight;
    private final NDArray bias;
    private final int in;
    private final int out;

    /** Creates the layer's parameters {@code name.weight} (out, in) and {@code name.bias} (out). */
    public Dense(ParameterSet params, String name, int in, int out) {
        double bound = 1.0 / Math.sqrt(in);
        this.weight = params.uniform(name + ".weight", new Shape(out, in), bound);
        this.bias = params.uniform(name + ".bias", new Shape(out), bound);
        this.in = in;
        this.out = out;
    }

    /** Applies the layer to (..., in), giving (..., out). */
    public NDArray forward(NDArray x) {
        long last = x.getShape().get(x.getShape().dimension() - 1);
        if (last != in) {
            throw new IllegalArgumentException("dense layer expects " + in + " input features, got shape " + x.getShape());
        }
        return Linear.linear(x, weight, bias).singletonOrThrow();
    }

    /**
     * Applies the layer to the concatenation [a, b] of two arrays along the last axis, (..., in_a) and
     * (..., in_b) with in_a + in_b = in. On MXNet, which copies slowly when it concatenates along the
     * last axis (and when it differentiates that), as the sum of two products with the weight's column
     * blocks; elsewhere on the concatenation. Same values up to float rounding.
     */
    public NDArray forwardConcatenated(NDArray a, NDArray b) {
        long inA = a.getShape().get(a.getShape().dimension() - 1);
        long inB = b.getShape().get(b.getShape().dimension() - 1);
        if (inA + inB != in) {
            throw new IllegalArgumentException("dense layer expects " + in + " input features, got " + inA + " + " + inB
                    + " (shapes " + a.getShape() + " and " + b.getShape() + ")");
        }
        if (!Engines.MXNET.equals(a.getManager().getEngine().getEngineName())) {
            return forward(NDArrays.concat(new NDList(a, b), -1));
        }
        NDArray first = Linear.linear(a, weight.get(new NDIndex(":, 0:{}", inA))).singletonOrThrow();
        return Ops.plus(Linear.linear(b, weight.get(new NDIndex(":, {}:", inA)), bias).singletonOrThrow(), first);
    }

    /** The output width. */
    public int outputs() {
        return out;
    }
}
