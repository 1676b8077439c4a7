package org.epnsj.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;

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

    /** The output width. */
    public int outputs() {
        return out;
    }
}
