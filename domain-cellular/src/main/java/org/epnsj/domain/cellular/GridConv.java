package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
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

    /** The quarter turns a p4 average runs over. */
    static final int TURNS = 4;

    private final NDArray weight;
    private final NDArray bias;
    private final int in;
    private final int out;
    private final int kernel;
    private final Padding padding;

    GridConv(ParameterSet params, String name, int in, int out, int kernel, Padding padding) {
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel of '" + name + "' must be odd and >= 1, got " + kernel);
        }
        double bound = 1.0 / Math.sqrt((double) in * kernel * kernel);
        this.weight = params.uniform(name + ".weight", new Shape(out, in, kernel, kernel), bound);
        this.bias = params.uniform(name + ".bias", new Shape(out), bound);
        this.in = in;
        this.out = out;
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

    /**
     * This convolution under each of the four quarter turns, as one convolution of {@code 4 out}
     * channels: output group k (channels k out to (k + 1) out) is {@code R^-k conv(R^k x_k)}, which,
     * with circular padding, is the convolution of {@code x_k} with the filters turned by -k. The input
     * is one grid (M, in, L, L), {@code x_k = x} for every k (a lifting convolution), or four
     * (M, 4 in, L, L), {@code x_k} being group k (a grouped convolution). So a stack of such layers
     * computes {@code R^-k f(R^k x)} for all k at once without turning a grid.
     *
     * @param x (M, in, L, L) or (M, 4 in, L, L)
     * @param constant spatially constant input channels (M, c) that follow x's {@code in - c} grid
     *     channels in the filters, or {@code null}: their share is the same for every turn and pixel
     *     (the filters summed over space times the values), so it is computed once per grid; one
     *     input grid only
     * @return (M, 4 out, L, L)
     */
    NDArray forwardTurned(NDArray x, NDArray constant) {
        if (padding != Padding.CIRCULAR) {
            throw new IllegalStateException("turned filters equal turned grids only with circular padding");
        }
        long channels = x.getShape().get(1);
        int gridChannels = constant == null ? in : in - (int) constant.getShape().get(1);
        int groups = channels == gridChannels ? 1 : TURNS;
        if (groups * gridChannels != channels || (constant != null && groups != 1)) {
            throw new IllegalArgumentException("expected " + gridChannels + " or " + TURNS * gridChannels
                    + " grid channels (constant channels with one grid only), got " + x.getShape());
        }
        NDManager manager = x.getManager();
        NDArray filters = turnedFilters(manager, 0, gridChannels);
        NDArray turnedBias = tiled(manager, bias);
        if (constant == null) {
            return kernel == 1 ? Ops.conv2d(x, filters, turnedBias, 1, 0, groups)
                    : Ops.conv2dCircular(x, filters, turnedBias, 1, groups);
        }
        NDArray grids = kernel == 1 ? Ops.conv2d(x, filters, null, 1, 0, 1)
                : Ops.conv2dCircular(x, filters, null, 1, 1);
        // The constant channels' share plus the bias: (M, out), the same for all four turns.
        NDArray shared = Linear.linear(constant, spatialSum(manager, gridChannels, in), bias).singletonOrThrow();
        long m = x.getShape().get(0);
        long side = grids.getShape().get(2);
        return grids.reshape(m, TURNS, out, side, grids.getShape().get(3))
                .add(shared.reshape(m, 1, out, 1, 1)).reshape(m, (long) TURNS * out, side, grids.getShape().get(3));
    }

    /**
     * {@link #forwardTurned} of one input grid (M, c, L, L) whose channels after its c are zero: the
     * turned filters of the first c input channels, with the bias. Needs circular padding.
     */
    NDArray forwardTurnedLeading(NDArray x) {
        if (padding != Padding.CIRCULAR) {
            throw new IllegalStateException("turned filters equal turned grids only with circular padding");
        }
        NDManager manager = x.getManager();
        NDArray filters = turnedFilters(manager, 0, (int) x.getShape().get(1));
        NDArray turnedBias = tiled(manager, bias);
        return kernel == 1 ? Ops.conv2d(x, filters, turnedBias, 1, 0, 1)
                : Ops.conv2dCircular(x, filters, turnedBias, 1, 1);
    }

    /**
     * The filters of input channels [from, to) turned by 0, -1, -2, -3 quarter turns, stacked along the
     * output axis: (4 out, to - from, k, k), on {@code manager}.
     */
    NDArray turnedFilters(NDManager manager, int from, int to) {
        NDArray part = filters(manager, from, to);
        NDList turns = new NDList(TURNS);
        for (int k = 0; k < TURNS; k++) {
            turns.add(kernel == 1 ? part : Ops.rot90(part, -k, 2, 3));
        }
        NDArray stacked = NDArrays.concat(turns, 0);
        stacked.attach(manager);
        return stacked;
    }

    /** The filters of input channels [from, to) summed over space: (out, to - from), on {@code manager}. */
    NDArray spatialSum(NDManager manager, int from, int to) {
        NDArray sum = filters(manager, from, to).sum(new int[] {2, 3});
        sum.attach(manager);
        return sum;
    }

    /**
     * The convolution of an item of a windowed node field with {@code filters} and no bias. A window
     * holds a difference that is zero beyond it, so it is padded with zeros and grows by the
     * kernel's radius on every side, as the difference's support does; a full item keeps its side,
     * with circular padding.
     *
     * @param x (M, groups C, s, s)
     * @param filters (groups O, C, k, k) with an odd k
     * @param groups channel groups
     * @param periodic whether x is a full periodic grid
     * @return (M, groups O, s + k - 1, s + k - 1) for a window, (M, groups O, s, s) for a full item
     */
    static NDArray itemConv(NDArray x, NDArray filters, int groups, boolean periodic) {
        long k = filters.getShape().get(2);
        if (periodic && k > 1) {
            return Ops.conv2dCircular(x, filters, null, 1, groups);
        }
        return Ops.conv2d(x, filters, null, 1, periodic ? 0 : (int) (k - 1), groups);
    }

    /**
     * The turned filters of input channels [from, to) contracted with a vector: the filters of one
     * input channel whose value is {@code lift} times a mask, (4 out, 1, k, k).
     */
    NDArray turnedFiltersOf(NDManager manager, int from, int to, NDArray lift) {
        NDArray contracted = turnedFilters(manager, from, to).mul(lift.reshape(1, to - from, 1, 1))
                .sum(new int[] {1}, true);
        contracted.attach(manager);
        return contracted;
    }

    /**
     * Per-item filters for latent channels [from, to) carried on a mask: item i's input is
     * {@code latent[i]} times its mask, so its filters are the turned filters contracted with
     * {@code latent[i]}: (M 4 out, 1, k, k), for a convolution grouped by item. With one latent
     * vector per turn, turn k's filters are contracted with the item's vector of turn k.
     *
     * @param latent (M, to - from), or (M, 4 (to - from)) one per turn
     */
    NDArray turnedLatentFilters(NDManager manager, int from, int to, NDArray latent) {
        NDArray turned = turnedFilters(manager, from, to);
        long rows = turned.getShape().get(0);
        long c = to - from;
        long items = latent.getShape().get(0);
        NDArray filters;
        if (latent.getShape().get(1) == c) {
            // (M, c) x (c, 4 out k k) -> (M, 4 out k k)
            NDArray perLatent = turned.transpose(1, 0, 2, 3).reshape(c, rows * kernel * kernel);
            filters = latent.matMul(perLatent).reshape(items * rows, 1, kernel, kernel);
        } else {
            // Per turn k: (M, c) x (c, out k k); the turns side by side, turn-major as the rows.
            NDList turns = new NDList(TURNS);
            for (int k = 0; k < TURNS; k++) {
                NDArray block = turned.get(new NDIndex((long) k * out + ":" + (long) (k + 1) * out));
                turns.add(latent.get(new NDIndex(":, " + k * c + ":" + (k + 1) * c))
                        .matMul(block.transpose(1, 0, 2, 3).reshape(c, (long) out * kernel * kernel)));
            }
            filters = NDArrays.concat(turns, 1).reshape(items * rows, 1, kernel, kernel);
        }
        filters.attach(manager);
        return filters;
    }

    /** The 1x1 filters of input channels [from, to) as a matrix (out, to - from), on {@code manager}. */
    NDArray pointwise(NDManager manager, int from, int to) {
        if (kernel != 1) {
            throw new IllegalStateException("a pointwise matrix needs a 1x1 convolution, kernel is " + kernel);
        }
        NDArray matrix = filters(manager, from, to).reshape(out, to - from);
        matrix.attach(manager);
        return matrix;
    }

    /**
     * A 1x1 convolution as a matrix product: (M, C, s, s) with matrix (O, C) to (M, O, s, s). A product
     * is cheaper than PyTorch's guarded convolution for these few channels and needs no guard.
     */
    static NDArray applyPointwise(NDArray x, NDArray matrix) {
        long[] s = x.getShape().getShape();
        long out = matrix.getShape().get(0);
        return matrix.matMul(x.reshape(s[0], s[1], s[2] * s[3])).reshape(s[0], out, s[2], s[3]);
    }

    /** This 1x1 convolution with its bias, as {@link #applyPointwise}: (M, in, s, s) to (M, out, s, s). */
    NDArray forwardPointwise(NDArray x) {
        NDManager manager = x.getManager();
        NDArray b = bias.reshape(1, out, 1, 1);
        b.attach(manager);
        return applyPointwise(x, pointwise(manager, 0, in)).add(b);
    }

    /** The input channels. */
    int in() {
        return in;
    }

    /** The output channels. */
    int out() {
        return out;
    }

    /** The kernel side. */
    int kernel() {
        return kernel;
    }

    /** The bias (out); a parameter. */
    NDArray bias() {
        return bias;
    }

    /** The filters of input channels [from, to): (out, to - from, k, k), on {@code manager}. */
    NDArray filters(NDManager manager, int from, int to) {
        NDArray part = from == 0 && to == in ? weight.reshape(weight.getShape())
                : weight.get(new NDIndex().addAllDim().addSliceDim(from, to));
        part.attach(manager);
        return part;
    }

    private static NDArray tiled(NDManager manager, NDArray values) {
        NDArray t = values.tile(TURNS);
        t.attach(manager);
        return t;
    }
}
