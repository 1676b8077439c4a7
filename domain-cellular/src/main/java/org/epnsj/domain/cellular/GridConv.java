package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.epnsj.runtime.nn.ParameterSet;
import org.epnsj.runtime.ops.Ops;

/**
 * A 'same' 2-D convolution with stride 1 and an odd kernel, padded with zeros (the reference) or
 * periodically (exact translations on the torus). Parameters {@code name.weight} (out, in, k, k) and
 * {@code name.bias} (out), initialised as PyTorch does.
 */
final class GridConv {

    /** How a convolution sees beyond the grid's edge. */
    enum Padding {
        /** Zeros: the reference's 'same' convolutions; breaks translations at the border. */
        ZERO,
        /** Wrap-around: exact translation equivariance on the torus. */
        CIRCULAR
    }

    private final NDArray weight;
    private final NDArray bias;
    private final int kernel;
    private final Padding padding;

    GridConv(ParameterSet params, String name, int in, int out, int kernel, Padding padding) {
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel of '" + name + "' must be odd and >= 1, got " + kernel);
        }
        double bound = 1.0 / Math.sqrt((double) in * kernel * kernel);
        this.weight = params.uniform(name + ".weight", new Shape(out, in, kernel, kernel), bound);
        this.bias = params.uniform(name + ".bias", new Shape(out), bound);
        this.kernel = kernel;
        this.padding = padding;
    }

    /** (M, in, H, W) to (M, out, H, W). */
    NDArray forward(NDArray x) {
        if (kernel == 1 || padding == Padding.ZERO) {
            return Ops.conv2d(x, weight, bias, 1, (kernel - 1) / 2);
        }
        return Ops.conv2dCircular(x, weight, bias, 1);
    }
}
