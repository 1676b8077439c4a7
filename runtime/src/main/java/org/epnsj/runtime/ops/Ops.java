package org.epnsj.runtime.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import java.util.Objects;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.engine.HostArrays;

/**
 * Engine-neutral tensor operations the models need. Every method has one implementation built only
 * from DJL operations that run forward and backward on both MXNet and PyTorch (no {@code set}, no
 * {@code gather(idx, axis)}, {@code scatter}, {@code pad}, {@code batchDot}/{@code batchMatMul} or
 * {@code Conv2dTranspose}), and never writes into an array that may be part of a gradient graph.
 *
 * <p>Memory: results and differentiable intermediates belong to the manager of the data input
 * ({@code x} or {@code values}), never to the manager of a weight or of an index array, so that calls
 * made inside a per-step child manager do not leak into long-lived parameter managers. Constant
 * intermediates (masks, one-hot matrices) are closed as soon as they are consumed.
 */
public final class Ops {

    /** The channel multiple that keeps PyTorch's float32 convolutions correct (see {@link #conv2d}). */
    static final int PYTORCH_CONV_CHANNEL_MULTIPLE = 16;

    /**
     * System property that turns the PyTorch convolution guard off when set to {@code false}: only to
     * measure the guard's cost or to show the fault, never for results (see {@link #conv2d}).
     */
    public static final String PYTORCH_CONV_GUARD_PROPERTY = "epnsj.pytorchConvGuard";

    private Ops() {}

    // ------------------------------------------------------------------ graphs: segment sum, gather

    /**
     * Sums the rows of {@code values} that share a segment id: {@code out[s] = Σ_{e: ids[e] = s} values[e]}.
     * Used to aggregate edge messages onto nodes. Ids outside {@code [0, numSegments)} contribute
     * nothing; empty segments are zero.
     *
     * <p>Implemented as a product with a one-hot matrix (numSegments, E) built by comparing the ids
     * with an arange, because PyTorch through DJL has no scatter-add and MXNet has no {@code put}. The
     * product goes through {@link Linear#linear} on a 2-D view: on MXNet a broadcasting 3-D × 2-D
     * {@code matMul} is several times slower (measured, forward and backward).
     *
     * @param values (E, F), or (B, E, F) with the same ids for every batch item; differentiable
     * @param segmentIds integer ids (E); not differentiable
     * @param numSegments number of output rows
     * @return (numSegments, F), or (B, numSegments, F), in the dtype and manager of {@code values}
     */
    public static NDArray segmentSum(NDArray values, NDArray segmentIds, int numSegments) {
        Shape vs = values.getShape();
        int rank = vs.dimension();
        if (rank != 2 && rank != 3) {
            throw new IllegalArgumentException("values must be (E, F) or (B, E, F), got " + vs);
        }
        requireIndexVector("segmentIds", segmentIds);
        long edges = vs.get(rank - 2);
        if (segmentIds.size() != edges) {
            throw new IllegalArgumentException("segmentIds has " + segmentIds.size() + " entries but values has "
                    + edges + " rows (shape " + vs + ")");
        }
        if (numSegments <= 0) {
            throw new IllegalArgumentException("numSegments must be positive, got " + numSegments);
        }
        long features = vs.get(rank - 1);
        long batch = rank == 3 ? vs.get(0) : 1;
        try (NDArray oneHot = oneHotRows(values.getManager(), segmentIds, numSegments, values.getDataType())) {
            // linear(x, W) = x · Wᵀ with x = valuesᵀ (B*F, E) and W = oneHot (S, E) gives (B*F, S).
            NDArray columns = rank == 3
                    ? values.transpose(0, 2, 1).reshape(batch * features, edges)
                    : values.transpose();
            NDArray summed = Linear.linear(columns, oneHot).singletonOrThrow();
            return rank == 3
                    ? summed.reshape(batch, features, numSegments).transpose(0, 2, 1)
                    : summed.transpose();
        }
    }

    /** The constant (numSegments, E) matrix with a 1 where {@code ids[e] == s}, in {@code dtype}. */
    private static NDArray oneHotRows(NDManager manager, NDArray ids, int numSegments, DataType dtype) {
        try (NDArray segments = manager.arange(0, numSegments, 1, ids.getDataType()).reshape(numSegments, 1);
                NDArray row = ids.reshape(1, -1);
                NDArray mask = segments.eq(row)) {
            return mask.toType(dtype, false);
        }
    }

    /**
     * Selects rows of {@code x} along axis 0: {@code out[i] = x[index[i]]}. Indices may repeat; the
     * gradient then accumulates.
     *
     * @param x (N, ...); differentiable
     * @param index integer indices (M) in {@code [0, N)}; not differentiable
     * @return (M, ...), in the manager of {@code x}
     */
    public static NDArray gatherRows(NDArray x, NDArray index) {
        return gatherRows(x, index, 0);
    }

    /**
     * Selects entries of {@code x} along {@code axis}: for (B, N, F) and axis 1,
     * {@code out[b, i] = x[b, index[i]]}, the same indices for every batch item. Uses DJL's integer
     * index ({@code get(NDIndex)}), which works forward and backward on both engines where
     * {@code gather(idx, axis)} does not exist on MXNet.
     *
     * @param x any rank ≥ 1; differentiable
     * @param index integer indices (M) into {@code axis}; not differentiable
     * @param axis the axis to select along (negative counts from the end)
     * @return {@code x}'s shape with {@code axis} replaced by M, in the manager of {@code x}
     */
    public static NDArray gatherRows(NDArray x, NDArray index, int axis) {
        requireIndexVector("index", index);
        int ax = normalizeAxis(axis, x.getShape().dimension(), "axis");
        return x.get(new NDIndex().addAllDim(ax).addIndices("{}", index));
    }

    // ------------------------------------------------------------------ grids: padding, rotations, shifts

    /**
     * Pads a batch of periodic fields with wrap-around values: {@code out[b, c, i, j] =
     * x[b, c, (i - padH) mod H, (j - padW) mod W]}. Built from slices and concatenation, which both
     * engines differentiate ({@code pad} is missing on MXNet and has no circular mode on PyTorch in DJL).
     *
     * @param x (B, C, H, W); differentiable
     * @param padH rows added on each of top and bottom, {@code 0 ≤ padH ≤ H}
     * @param padW columns added on each of left and right, {@code 0 ≤ padW ≤ W}
     * @return (B, C, H + 2 padH, W + 2 padW), a new array in the manager of {@code x}
     */
    public static NDArray circularPad2d(NDArray x, int padH, int padW) {
        requireRank("x", x, 4, "(B, C, H, W)");
        NDArray padded = circularPad(circularPad(x, 2, padH), 3, padW);
        // Always a new handle, so callers may close the result without closing x.
        return padded == x ? x.reshape(x.getShape()) : padded;
    }

    private static NDArray circularPad(NDArray x, int axis, int pad) {
        long n = x.getShape().get(axis);
        if (pad < 0 || pad > n) {
            throw new IllegalArgumentException("circular padding " + pad + " on axis " + axis + " must be in [0, "
                    + n + "] for shape " + x.getShape());
        }
        if (pad == 0) {
            return x;
        }
        return NDArrays.concat(new NDList(slice(x, axis, n - pad, n), x, slice(x, axis, 0, pad)), axis);
    }

    /**
     * Rotates by {@code k} quarter turns counter-clockwise in the plane (axisH, axisW) with
     * {@code numpy.rot90(x, k, axes=(axisH, axisW))} semantics: for k = 1 on a 2-D array,
     * {@code out[i, j] = x[j, W - 1 - i]}. Any integer k (taken mod 4; negative turns clockwise);
     * swapping the axes reverses the direction. Exact: only flips and a transpose, no interpolation.
     *
     * @param x rank ≥ 2; differentiable
     * @param k number of counter-clockwise quarter turns
     * @param axisH first axis of the plane (negative counts from the end)
     * @param axisW second axis of the plane, different from axisH
     * @return the rotated array (axisH and axisW sizes swapped for odd k), a new array in the manager of
     *     {@code x} even for k ≡ 0
     */
    public static NDArray rot90(NDArray x, int k, int axisH, int axisW) {
        int rank = x.getShape().dimension();
        int a = normalizeAxis(axisH, rank, "axisH");
        int b = normalizeAxis(axisW, rank, "axisW");
        if (a == b) {
            throw new IllegalArgumentException("rot90 needs two different axes, got axisH=" + axisH + " axisW="
                    + axisW + " for shape " + x.getShape());
        }
        switch (Math.floorMod(k, 4)) {
            case 0:
                // A new handle (a view on PyTorch) so callers can close results uniformly.
                return x.reshape(x.getShape());
            case 1:
                try (NDArray flipped = x.flip(b)) {
                    return flipped.swapAxes(a, b);
                }
            case 2:
                return x.flip(a, b);
            default:
                try (NDArray swapped = x.swapAxes(a, b)) {
                    return swapped.flip(b);
                }
        }
    }

    /**
     * Shifts entries cyclically along {@code axis} with {@code numpy.roll} semantics:
     * {@code out[i] = x[(i - shift) mod n]}. Negative shifts and shifts larger than the size are allowed.
     *
     * @param x rank ≥ 1; differentiable
     * @param shift number of places to shift towards higher indices
     * @param axis the axis to roll (negative counts from the end)
     * @return the rolled array, a new array in the manager of {@code x} even for a zero shift
     */
    public static NDArray roll(NDArray x, int shift, int axis) {
        int ax = normalizeAxis(axis, x.getShape().dimension(), "axis");
        long n = x.getShape().get(ax);
        long s = n == 0 ? 0 : Math.floorMod((long) shift, n);
        if (s == 0) {
            return x.reshape(x.getShape());
        }
        return NDArrays.concat(new NDList(slice(x, ax, n - s, n), slice(x, ax, 0, n - s)), ax);
    }

    // ------------------------------------------------------------------ convolutions

    /**
     * A 2-D cross-correlation (PyTorch/MXNet {@code Conv2d}) with zero padding, square stride and
     * padding, no dilation, one group.
     *
     * <p>PyTorch guard. PyTorch's CPU float32 convolutions run on oneDNN kernels that work on blocks of
     * channels, and on an AMD EPYC Zen 5 (PyTorch 2.7.1) they are wrong whenever a channel count has to
     * be padded up to such a block: the input gradient when the number of output channels is not a
     * multiple of 16; the output when a kernel larger than 1x1 has more than 16 input channels that are
     * not a multiple of 16; with a stride above 1 also the input gradient when more than 32 input
     * channels are not a multiple of 32. Wrong entries are of the order of a tenth of the output's
     * scale, now and then NaN, at one thread as at two (docs/architecture.md). On PyTorch with float32
     * input this method therefore appends zero filters (and zero biases) up to a multiple of 16 output
     * channels and slices the output back, and zero input channels (with zero weights) up to the
     * multiple the kernel needs. The extra channels are constants, so values and gradients are
     * unchanged; only the cost grows. The output-channel fault did not show on an Intel Xeon (AVX-512,
     * AMX), but the guard stays on every processor, because the one a model trains on is not known here
     * ({@value #PYTORCH_CONV_GUARD_PROPERTY}{@code =false} turns it off, to measure its cost or the fault).
     *
     * @param x (B, C_in, H, W); differentiable
     * @param weight (C_out, C_in, kH, kW); differentiable
     * @param bias (C_out), or {@code null} for none; differentiable
     * @param stride step in both directions, ≥ 1
     * @param padding zeros added on every side, ≥ 0
     * @return (B, C_out, (H + 2 padding - kH) / stride + 1, (W + 2 padding - kW) / stride + 1), in the
     *     manager of {@code x}
     */
    public static NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int stride, int padding) {
        return conv2d(x, weight, bias, stride, padding, 1);
    }

    /**
     * {@link #conv2d(NDArray, NDArray, NDArray, int, int)} with the channels split into {@code groups}
     * independent groups: output group g sees input group g only (PyTorch's {@code groups}).
     * The PyTorch guard adds the same number of zero filters to every group, and zero input channels to
     * every group by the rule for one group's input channels.
     *
     * @param x (B, groups C_in, H, W); differentiable
     * @param weight (groups C_out, C_in, kH, kW), group g's filters at rows g C_out to (g + 1) C_out;
     *     differentiable
     * @param bias (groups C_out), or {@code null}; differentiable
     * @param stride step in both directions, ≥ 1
     * @param padding zeros added on every side, ≥ 0
     * @param groups the number of groups, ≥ 1, dividing both channel counts
     * @return (B, groups C_out, H', W') as for one group, in the manager of {@code x}
     */
    public static NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int stride, int padding, int groups) {
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be ≥ 0, got " + padding);
        }
        return conv2d(x, weight, bias, stride, padding, padding, groups);
    }

    private static NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int stride, long padH, long padW,
            int groups) {
        requireRank("x", x, 4, "(B, C_in, H, W)");
        requireRank("weight", weight, 4, "(C_out, C_in, kH, kW)");
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be ≥ 1, got " + stride);
        }
        long outChannels = weight.getShape().get(0);
        if (groups < 1 || outChannels % groups != 0) {
            throw new IllegalArgumentException("groups must be ≥ 1 and divide the " + outChannels
                    + " output channels of weight " + weight.getShape() + ", got " + groups);
        }
        if (weight.getShape().get(1) * groups != x.getShape().get(1)) {
            throw new IllegalArgumentException("weight " + weight.getShape() + " in " + groups + " group(s) expects "
                    + weight.getShape().get(1) * groups + " input channels but x " + x.getShape() + " has "
                    + x.getShape().get(1));
        }
        if (bias != null && !bias.getShape().equals(new Shape(outChannels))) {
            throw new IllegalArgumentException("bias must be (" + outChannels + "), got " + bias.getShape());
        }
        NDManager manager = x.getManager();
        Shape ks = weight.getShape();
        long extraInputs = pytorchGuardInputChannels(x, ks.get(1), ks.get(2), ks.get(3), stride);
        NDArray in = x;
        NDArray w = weight;
        if (extraInputs > 0) {
            Shape xs = x.getShape();
            try (NDArray zeroChannels = manager.zeros(new Shape(xs.get(0), groups, extraInputs, xs.get(2), xs.get(3)),
                    x.getDataType());
                    NDArray zeroWeights = manager.zeros(new Shape(outChannels, extraInputs, ks.get(2), ks.get(3)),
                            weight.getDataType());
                    NDArray grouped = x.reshape(xs.get(0), groups, ks.get(1), xs.get(2), xs.get(3));
                    NDArray padded = grouped.concat(zeroChannels, 2)) {
                in = padded.reshape(xs.get(0), groups * (ks.get(1) + extraInputs), xs.get(2), xs.get(3));
                w = onManager(manager, weight.concat(zeroWeights, 1));
            }
        }
        long perGroup = outChannels / groups;
        long extra = pytorchGuardFilters(x, outChannels, groups);
        NDArray b = bias;
        if (extra > 0) {
            Shape ws = w.getShape();
            try (NDArray zeroFilters = manager.zeros(new Shape(groups, extra, ws.get(1), ws.get(2), ws.get(3)),
                    weight.getDataType());
                    NDArray grouped = w.reshape(groups, perGroup, ws.get(1), ws.get(2), ws.get(3));
                    NDArray padded = grouped.concat(zeroFilters, 1)) {
                NDArray filters = onManager(manager, padded.reshape(groups * (perGroup + extra), ws.get(1), ws.get(2),
                        ws.get(3)));
                closeIfCopy(w, weight);
                w = filters;
            }
            if (bias != null) {
                try (NDArray zeroBias = manager.zeros(new Shape(groups, extra), bias.getDataType());
                        NDArray grouped = bias.reshape(groups, perGroup);
                        NDArray padded = grouped.concat(zeroBias, 1)) {
                    b = onManager(manager, padded.reshape(groups * (perGroup + extra)));
                }
            }
        }
        Shape s = new Shape(stride, stride);
        NDArray y = Conv2d.conv2d(in, w, b, s, new Shape(padH, padW), new Shape(1, 1), groups).singletonOrThrow();
        // The padded copies are PyTorch-only; its autograd keeps what the backward pass needs.
        closeIfCopy(in, x);
        closeIfCopy(w, weight);
        closeIfCopy(b, bias);
        if (extra == 0) {
            return y;
        }
        try (y) {
            if (groups == 1) {
                return slice(y, 1, 0, outChannels);
            }
            Shape ys = y.getShape();
            try (NDArray perGroupView = y.reshape(ys.get(0), groups, perGroup + extra, ys.get(2), ys.get(3));
                    NDArray kept = slice(perGroupView, 2, 0, perGroup)) {
                return kept.reshape(ys.get(0), outChannels, ys.get(2), ys.get(3));
            }
        }
    }

    /**
     * Zero input channels to add to each group so that PyTorch float32 never pads input channels to a
     * block: for a kernel larger than 1x1 with more than 16 input channels per group, up to a multiple of
     * 16, and with a stride above 1 and more than 32, up to a multiple of 32 (the strided backward-data
     * kernel blocks them by 32 or 64); else 0.
     */
    static long pytorchGuardInputChannels(NDArray x, long inChannelsPerGroup, long kernelH, long kernelW, int stride) {
        if (!guardApplies(x) || kernelH * kernelW == 1 || inChannelsPerGroup <= PYTORCH_CONV_CHANNEL_MULTIPLE) {
            return 0;
        }
        int multiple = stride > 1 && inChannelsPerGroup > 2 * PYTORCH_CONV_CHANNEL_MULTIPLE
                ? 2 * PYTORCH_CONV_CHANNEL_MULTIPLE
                : PYTORCH_CONV_CHANNEL_MULTIPLE;
        long rem = inChannelsPerGroup % multiple;
        return rem == 0 ? 0 : multiple - rem;
    }

    /** Zero filters to add so that PyTorch float32 sees a multiple of 16 output channels; else 0. */
    static long pytorchGuardFilters(NDArray x, long outChannels) {
        return pytorchGuardFilters(x, outChannels, 1);
    }

    /**
     * Zero filters to add to each of {@code groups} groups so that PyTorch float32 sees a multiple of 16
     * output channels in all; else 0.
     */
    static long pytorchGuardFilters(NDArray x, long outChannels, int groups) {
        if (!guardApplies(x)) {
            return 0;
        }
        long perGroup = outChannels / groups;
        long extra = 0;
        while (groups * (perGroup + extra) % PYTORCH_CONV_CHANNEL_MULTIPLE != 0) {
            extra++;
        }
        return extra;
    }

    /** Whether the guard applies: PyTorch, float32, and not switched off by {@link #PYTORCH_CONV_GUARD_PROPERTY}. */
    private static boolean guardApplies(NDArray x) {
        return x.getDataType() == DataType.FLOAT32 && Engines.PYTORCH.equals(x.getManager().getEngine().getEngineName())
                && !"false".equals(System.getProperty(PYTORCH_CONV_GUARD_PROPERTY));
    }

    /**
     * A 2-D convolution on a periodic domain: circular padding of {@code (k - 1) / 2} on each side, then
     * an unpadded {@link #conv2d}, so with stride 1 the output has the input's height and width.
     *
     * @param x (B, C_in, H, W); differentiable
     * @param weight (C_out, C_in, kH, kW) with odd kH and kW; differentiable
     * @param bias (C_out), or {@code null}; differentiable
     * @param stride step in both directions, ≥ 1
     * @return (B, C_out, (H - 1) / stride + 1, (W - 1) / stride + 1), in the manager of {@code x}
     */
    public static NDArray conv2dCircular(NDArray x, NDArray weight, NDArray bias, int stride) {
        return conv2dCircular(x, weight, bias, stride, 1);
    }

    /**
     * {@link #conv2dCircular(NDArray, NDArray, NDArray, int)} in {@code groups} groups, as
     * {@link #conv2d(NDArray, NDArray, NDArray, int, int, int)}.
     *
     * @param x (B, groups C_in, H, W); differentiable
     * @param weight (groups C_out, C_in, kH, kW) with odd kH and kW; differentiable
     * @param bias (groups C_out), or {@code null}; differentiable
     * @param stride step in both directions, ≥ 1
     * @param groups the number of groups, ≥ 1, dividing both channel counts
     * @return (B, groups C_out, (H - 1) / stride + 1, (W - 1) / stride + 1), in the manager of {@code x}
     */
    public static NDArray conv2dCircular(NDArray x, NDArray weight, NDArray bias, int stride, int groups) {
        requireRank("weight", weight, 4, "(C_out, C_in, kH, kW)");
        long kh = weight.getShape().get(2);
        long kw = weight.getShape().get(3);
        if (kh % 2 == 0 || kw % 2 == 0) {
            throw new IllegalArgumentException("conv2dCircular needs odd kernel sizes, got weight " + weight.getShape());
        }
        NDArray padded = circularPad2d(x, (int) (kh - 1) / 2, (int) (kw - 1) / 2);
        return conv2d(padded, weight, bias, stride, 0, groups);
    }


    /**
     * A transposed 2-D convolution with the PyTorch {@code ConvTranspose2d} definition (padding 0,
     * output padding 0, no dilation, one group): {@code out[b, o, i·s + p, j·s + q] += x[b, c, i, j] ·
     * weight[c, o, p, q]}, plus {@code bias[o]}.
     *
     * <p>Portable because DJL has no transposed convolution on PyTorch and MXNet's only works when input
     * and output channel counts agree: the input is dilated by inserting {@code stride - 1} zeros between
     * pixels (a broadcasting product with a constant 0/1 mask, so no writes into the graph), then
     * convolved with the spatially flipped, in/out-swapped kernel and zero padding {@code k - 1}. This
     * costs about stride² times a direct implementation; for kernel = stride, a 1×1 {@link #conv2d}
     * followed by {@link #pixelShuffle} is cheaper.
     *
     * @param x (B, C_in, H, W); differentiable
     * @param weight (C_in, C_out, kH, kW), PyTorch's ConvTranspose2d layout; differentiable
     * @param bias (C_out), or {@code null}; differentiable
     * @param stride upsampling factor in both directions, ≥ 1
     * @return (B, C_out, (H - 1)·stride + kH, (W - 1)·stride + kW), in the manager of {@code x}
     */
    public static NDArray convTranspose2d(NDArray x, NDArray weight, NDArray bias, int stride) {
        requireRank("x", x, 4, "(B, C_in, H, W)");
        requireRank("weight", weight, 4, "(C_in, C_out, kH, kW)");
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be ≥ 1, got " + stride);
        }
        if (weight.getShape().get(0) != x.getShape().get(1)) {
            throw new IllegalArgumentException("weight " + weight.getShape() + " expects " + weight.getShape().get(0)
                    + " input channels (layout (C_in, C_out, kH, kW)) but x " + x.getShape() + " has "
                    + x.getShape().get(1));
        }
        NDManager manager = x.getManager();
        long kh = weight.getShape().get(2);
        long kw = weight.getShape().get(3);
        NDArray dilated = stride == 1 ? x : dilate(x, stride);
        NDArray kernel;
        try (NDArray flipped = weight.flip(2, 3)) {
            kernel = onManager(manager, flipped.swapAxes(0, 1));
        }
        return conv2d(dilated, kernel, bias, 1, kh - 1, kw - 1, 1);
    }

    /** Inserts {@code s - 1} zeros between neighbouring pixels: (B, C, H, W) -> (B, C, (H-1)s+1, (W-1)s+1). */
    private static NDArray dilate(NDArray x, int s) {
        Shape xs = x.getShape();
        long bsz = xs.get(0);
        long c = xs.get(1);
        long h = xs.get(2);
        long w = xs.get(3);
        double[] keepFirst = new double[s * s];
        keepFirst[0] = 1;
        try (NDArray mask = hostArray(x.getManager(), keepFirst, new Shape(1, 1, 1, s, 1, s), x.getDataType())) {
            NDArray spread = x.reshape(bsz, c, h, 1, w, 1).mul(mask).reshape(bsz, c, h * s, w * s);
            return spread.get(new NDIndex().addAllDim(2).addSliceDim(0, (h - 1) * s + 1).addSliceDim(0, (w - 1) * s + 1));
        }
    }

    /**
     * Rearranges channels into space with PyTorch's {@code PixelShuffle} order:
     * {@code out[b, c, h·r + i, w·r + j] = x[b, c·r² + i·r + j, h, w]}.
     *
     * @param x (B, C·r², H, W); differentiable
     * @param r upscaling factor, ≥ 1
     * @return (B, C, H·r, W·r), in the manager of {@code x}
     */
    public static NDArray pixelShuffle(NDArray x, int r) {
        requireRank("x", x, 4, "(B, C*r*r, H, W)");
        Shape xs = x.getShape();
        if (r < 1 || xs.get(1) % ((long) r * r) != 0) {
            throw new IllegalArgumentException("pixelShuffle factor " + r + " must be ≥ 1 and r² must divide the "
                    + xs.get(1) + " channels of " + xs);
        }
        long b = xs.get(0);
        long c = xs.get(1) / ((long) r * r);
        long h = xs.get(2);
        long w = xs.get(3);
        return x.reshape(b, c, r, r, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(b, c, h * r, w * r);
    }

    // ------------------------------------------------------------------ per-engine forms of layout ops

    /**
     * {@code x.reshape(shape)}; on MXNet through its legacy {@code Reshape}, which returns the same
     * memory, where DJL's reshape ({@code _np_reshape}) copies the array forward and backward (about
     * 5 ms for 1.6 M floats on this project's machines). Same values; the gradient flows.
     */
    public static NDArray reshapeView(NDArray x, Shape shape) {
        if (!isMxnet(x)) {
            return x.reshape(shape);
        }
        StringBuilder dims = new StringBuilder("(");
        for (int i = 0; i < shape.dimension(); i++) {
            dims.append(i == 0 ? "" : ",").append(shape.get(i));
        }
        NDList out = x.getManager().invoke("Reshape", new NDList(x),
                new ai.djl.util.PairList<>(java.util.List.of("shape"), java.util.List.<Object>of(dims.append(')').toString())));
        return out.singletonOrThrow();
    }

    /**
     * {@code x * c}. Never {@code x.mul(c)} with a Java number: on PyTorch its gradient is read from
     * freed memory ({@link HostArrays#scalar}). The scalar's handle is closed here; the engine keeps
     * its memory for as long as the gradient graph needs it.
     */
    public static NDArray mul(NDArray x, double c) {
        return withScalar(x, c, NDArray::mul);
    }

    /** {@code x / c}; never {@code x.div(c)} with a Java number (see {@link #mul(NDArray, double)}). */
    public static NDArray div(NDArray x, double c) {
        return withScalar(x, c, NDArray::div);
    }

    /** {@code max(x, c)} element-wise; never {@code x.maximum(c)} with a Java number (see {@link #mul(NDArray, double)}). */
    public static NDArray maximum(NDArray x, double c) {
        return withScalar(x, c, NDArray::maximum);
    }

    private static NDArray withScalar(NDArray x, double c, java.util.function.BinaryOperator<NDArray> op) {
        try (NDArray s = HostArrays.scalar(x.getManager(), c, x.getDataType())) {
            return op.apply(x, s);
        }
    }

    /**
     * {@code a.add(b)} for arrays of one shape; on MXNet its legacy {@code elemwise_add}, whose gradient
     * is passed through, where DJL's {@code add} ({@code _npi_add}) differentiates through a broadcast
     * reduction even when nothing was broadcast (about 4 ms per call at the n-body paper size).
     */
    public static NDArray plus(NDArray a, NDArray b) {
        if (!a.getShape().equals(b.getShape())) {
            throw new IllegalArgumentException("plus needs arrays of one shape, got " + a.getShape() + " and "
                    + b.getShape());
        }
        if (!isMxnet(a)) {
            return a.add(b);
        }
        return a.getManager().invoke("elemwise_add", new NDList(a, b), null).singletonOrThrow();
    }

    /**
     * Repeats every row (entry of axis 0) {@code k} times in place, (G, ...) to (G k, ...), as {@code
     * x.repeat(0, k)}. MXNet reduces over a middle axis slowly, which is how it differentiates a repeat
     * (and a mean over groups, {@link #meanOfRowGroups}); there both are batched products with a
     * constant vector, whose gradient is a product too. Same values up to float rounding.
     */
    public static NDArray repeatRows(NDArray x, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (!isMxnet(x)) {
            return x.repeat(0, k);
        }
        Shape s = x.getShape();
        long g = s.get(0);
        long features = s.size() / g;
        try (NDArray ones = x.getManager().ones(new Shape(g, k, 1), x.getDataType())) {
            NDArray rows = ones.batchDot(reshapeView(x, new Shape(g, 1, features)));
            return reshapeView(rows, new Shape(g * k).addAll(s.slice(1)));
        }
    }

    /**
     * The mean of every group of {@code k} consecutive rows, (G k, ...) to (G, ...), as {@code
     * x.reshape(G, k, ...).mean(axis 1)}; on MXNet a batched product (see {@link #repeatRows}).
     */
    public static NDArray meanOfRowGroups(NDArray x, int k) {
        Shape s = x.getShape();
        if (k < 1 || s.dimension() < 1 || s.get(0) % k != 0) {
            throw new IllegalArgumentException("x must have a leading axis divisible by k = " + k + ", got " + s);
        }
        long g = s.get(0) / k;
        if (!isMxnet(x)) {
            try (NDArray split = x.reshape(new Shape(g, k).addAll(s.slice(1)))) {
                return split.mean(new int[] {1});
            }
        }
        long features = s.size() / s.get(0);
        try (NDArray weights = x.getManager().full(new Shape(g, 1, k), 1.0f / k, x.getDataType())) {
            NDArray mean = weights.batchDot(reshapeView(x, new Shape(g, k, features)));
            return reshapeView(mean, new Shape(g).addAll(s.slice(1)));
        }
    }

    private static boolean isMxnet(NDArray x) {
        return Engines.MXNET.equals(x.getManager().getEngine().getEngineName());
    }

    // ------------------------------------------------------------------ 3x3 symmetric eigen decomposition

    /**
     * Batched eigendecomposition of symmetric 3×3 matrices, computed in plain Java (cyclic Jacobi in
     * float64) on a host copy. There is no gradient: callers use it for PCA frames, which are computed
     * on detached data (MXNet's raw {@code eigh} has an all-zero gradient and PyTorch through DJL has none).
     * Only the symmetric part {@code (m + mᵀ) / 2} is used. Eigenvector signs are arbitrary but
     * deterministic for a given input.
     *
     * @param m (..., 3, 3), any float dtype; not modified
     * @return eigenvalues (..., 3) ascending and eigenvectors (..., 3, 3) as columns, new arrays in the
     *     dtype and manager of {@code m}; close the result when done
     */
    public static SymmetricEigen eigh3(NDArray m) {
        Shape ms = m.getShape();
        int rank = ms.dimension();
        if (rank < 2 || ms.get(rank - 1) != 3 || ms.get(rank - 2) != 3) {
            throw new IllegalArgumentException("eigh3 needs (..., 3, 3) matrices, got " + ms);
        }
        double[] in = hostDoubles(m);
        int count = in.length / 9;
        double[] values = new double[count * 3];
        double[] vectors = new double[count * 9];
        for (int i = 0; i < count; i++) {
            jacobi(in, i * 9, values, i * 3, vectors, i * 9);
        }
        Shape batch = ms.slice(0, rank - 2);
        NDManager manager = m.getManager();
        return new SymmetricEigen(
                hostArray(manager, values, batch.add(3), m.getDataType()),
                hostArray(manager, vectors, ms, m.getDataType()));
    }

    /**
     * Eigendecomposition of one symmetric 3×3 matrix by cyclic Jacobi rotations in float64. Only the
     * symmetric part {@code (m + mᵀ) / 2} is used.
     *
     * @param m9 the matrix, row-major, length 9; not modified
     * @param vectorsOut if not {@code null}, receives (row-major, length ≥ 9) the orthonormal
     *     eigenvectors as columns, in the order of the returned eigenvalues
     * @return the three eigenvalues in ascending order
     */
    public static double[] jacobiEigen3(double[] m9, double[] vectorsOut) {
        if (m9.length != 9) {
            throw new IllegalArgumentException("m9 must have 9 entries, got " + m9.length);
        }
        if (vectorsOut != null && vectorsOut.length < 9) {
            throw new IllegalArgumentException("vectorsOut must have at least 9 entries, got " + vectorsOut.length);
        }
        double[] values = new double[3];
        double[] vectors = vectorsOut == null ? new double[9] : vectorsOut;
        jacobi(m9, 0, values, 0, vectors, 0);
        return values;
    }

    /** Enough for full float64 accuracy: cyclic Jacobi converges quadratically (3 to 6 sweeps in practice). */
    private static final int MAX_SWEEPS = 64;

    private static void jacobi(double[] in, int inOff, double[] valuesOut, int valOff, double[] vecOut, int vecOff) {
        double[][] a = new double[3][3];
        double[][] v = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                a[i][j] = 0.5 * (in[inOff + 3 * i + j] + in[inOff + 3 * j + i]);
            }
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            if (a[0][1] == 0 && a[0][2] == 0 && a[1][2] == 0) {
                break;
            }
            for (int p = 0; p < 2; p++) {
                for (int q = p + 1; q < 3; q++) {
                    rotate(a, v, p, q);
                }
            }
        }
        // Sort ascending (three elements: insertion order of indices).
        int[] order = {0, 1, 2};
        for (int i = 1; i < 3; i++) {
            for (int j = i; j > 0 && a[order[j]][order[j]] < a[order[j - 1]][order[j - 1]]; j--) {
                int t = order[j];
                order[j] = order[j - 1];
                order[j - 1] = t;
            }
        }
        for (int j = 0; j < 3; j++) {
            valuesOut[valOff + j] = a[order[j]][order[j]];
            for (int r = 0; r < 3; r++) {
                vecOut[vecOff + 3 * r + j] = v[r][order[j]];
            }
        }
    }

    /** One Jacobi rotation that zeroes a[p][q] (Numerical Recipes' stable formulas). */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        double apq = a[p][q];
        if (apq == 0) {
            return;
        }
        double app = a[p][p];
        double aqq = a[q][q];
        // Negligible against both diagonal entries: rotating would not change them, so just drop it.
        double g = 100 * Math.abs(apq);
        if (Math.abs(app) + g == Math.abs(app) && Math.abs(aqq) + g == Math.abs(aqq)) {
            a[p][q] = 0;
            a[q][p] = 0;
            return;
        }
        double theta = (aqq - app) / (2 * apq);
        double t = Math.abs(theta) > 1e150
                ? 0.5 / theta // theta² would overflow; t ≈ 1 / (2 theta)
                : Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        a[p][p] = app - t * apq;
        a[q][q] = aqq + t * apq;
        a[p][q] = 0;
        a[q][p] = 0;
        int r = 3 - p - q; // the remaining index
        double arp = a[r][p];
        double arq = a[r][q];
        a[r][p] = c * arp - s * arq;
        a[p][r] = a[r][p];
        a[r][q] = s * arp + c * arq;
        a[q][r] = a[r][q];
        for (int k = 0; k < 3; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    // ------------------------------------------------------------------ helpers

    private static double[] hostDoubles(NDArray m) {
        switch (m.getDataType()) {
            case FLOAT64:
                return m.toDoubleArray();
            case FLOAT32: {
                float[] f = m.toFloatArray();
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                return d;
            }
            default:
                try (NDArray d = m.toType(DataType.FLOAT64, false)) {
                    return d.toDoubleArray();
                }
        }
    }

    private static NDArray hostArray(NDManager manager, double[] data, Shape shape, DataType dtype) {
        if (dtype == DataType.FLOAT64) {
            return HostArrays.of(manager, data, shape);
        }
        if (dtype == DataType.FLOAT32) {
            float[] f = new float[data.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) data[i];
            }
            return HostArrays.of(manager, f, shape);
        }
        try (NDArray d = HostArrays.of(manager, data, shape)) {
            return d.toType(dtype, false);
        }
    }

    /** {@code x[..., from:to, ...]} on {@code axis}. */
    private static NDArray slice(NDArray x, int axis, long from, long to) {
        return x.get(new NDIndex().addAllDim(axis).addSliceDim(from, to));
    }

    private static void closeIfCopy(NDArray copy, NDArray original) {
        if (copy != original) {
            copy.close();
        }
    }

    /** Moves an intermediate computed from a weight onto the data's manager (see the class comment). */
    private static NDArray onManager(NDManager manager, NDArray array) {
        array.attach(manager);
        return array;
    }

    private static int normalizeAxis(int axis, int rank, String name) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(name + " " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    private static void requireRank(String name, NDArray array, int rank, String layout) {
        Objects.requireNonNull(array, name);
        if (array.getShape().dimension() != rank) {
            throw new IllegalArgumentException(name + " must be " + layout + ", got " + array.getShape());
        }
    }

    private static void requireIndexVector(String name, NDArray index) {
        Objects.requireNonNull(index, name);
        if (index.getShape().dimension() != 1) {
            throw new IllegalArgumentException(name + " must be a 1-D integer array, got shape " + index.getShape());
        }
        if (!index.getDataType().isInteger()) {
            throw new IllegalArgumentException(name + " must have an integer dtype, got " + index.getDataType());
        }
    }
}
