package org.epnsj.runtime.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Engine arrays made from Java data, each owning its memory. Every array the project makes from Java
 * values goes through here, never through {@code NDManager.create} directly.
 *
 * <p>DJL's PyTorch engine wraps the direct buffer it copies Java data into ({@code from_blob}) without
 * giving the tensor ownership: only the array {@code create} returns keeps the buffer alive. A view of
 * it (a reshape, a slice, a tensor autograd saved for the backward pass, an index a gather keeps)
 * outlives that array: once the array is closed and the buffer collected, the view reads freed memory,
 * which the allocator hands to the next allocation. The values then change without a word, now and
 * then to NaN, depending on when the garbage collector ran (docs/architecture.md, "Engines on this
 * machine"). On PyTorch the array is therefore copied into memory the tensor owns; MXNet copies on
 * creation already.
 */
public final class HostArrays {

    private HostArrays() {}

    /** A float32 array of {@code shape} holding {@code data}. */
    public static NDArray of(NDManager manager, float[] data, Shape shape) {
        return owned(manager.create(data, shape));
    }

    /** A float64 array of {@code shape} holding {@code data}. */
    public static NDArray of(NDManager manager, double[] data, Shape shape) {
        return owned(manager.create(data, shape));
    }

    /** An int32 array of {@code shape} holding {@code data}. */
    public static NDArray of(NDManager manager, int[] data, Shape shape) {
        return owned(manager.create(data, shape));
    }

    /** An int64 array of {@code shape} holding {@code data}. */
    public static NDArray of(NDManager manager, long[] data, Shape shape) {
        return owned(manager.create(data, shape));
    }

    /** A one-dimensional int64 array holding {@code data}. */
    public static NDArray of(NDManager manager, long[] data) {
        return of(manager, data, new Shape(data.length));
    }

    /** A one-dimensional int32 array holding {@code data}. */
    public static NDArray of(NDManager manager, int[] data) {
        return of(manager, data, new Shape(data.length));
    }

    /** A one-dimensional float32 array holding {@code data}. */
    public static NDArray of(NDManager manager, float[] data) {
        return of(manager, data, new Shape(data.length));
    }

    /** A one-dimensional float64 array holding {@code data}. */
    public static NDArray of(NDManager manager, double[] data) {
        return of(manager, data, new Shape(data.length));
    }

    /**
     * A scalar (shape ()) of {@code type} holding {@code value}. DJL's arithmetic with a Java number
     * ({@code x.mul(2)}) makes such a scalar with {@code create} and closes it at once, while PyTorch's
     * autograd keeps it for the backward pass of a product, a quotient or a maximum: the gradient is
     * then computed from freed memory (measured: -Infinity for the gradient of {@code x.mul(3).div(2)}
     * after a few garbage collections). Use {@code Ops.mul}, {@code Ops.div} and {@code Ops.maximum}
     * with numbers; they build on this.
     */
    public static NDArray scalar(NDManager manager, double value, DataType type) {
        try (NDArray raw = manager.create(value)) {
            return raw.toType(type, true);
        }
    }

    private static NDArray owned(NDArray created) {
        if (!Engines.PYTORCH.equals(created.getManager().getEngine().getEngineName())) {
            return created;
        }
        NDArray copy = created.duplicate();
        created.close();
        return copy;
    }
}
