package org.epnsj.runtime.io;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A named array stored in a {@link TensorArchive}: a parameter, an optimiser moment, an RNG state.
 * The data array is not copied: treat it as owned by this record.
 *
 * @param name a non-blank name, unique within an archive
 * @param shape the dimensions, each at least 0; empty for a scalar
 * @param dtype {@link NpyType#FLOAT32}, {@link NpyType#FLOAT64} or {@link NpyType#INT64}
 * @param data a {@code float[]}, {@code double[]} or {@code long[]} of {@code prod(shape)} elements
 */
public record NamedTensor(String name, long[] shape, NpyType dtype, Object data) {

    /** The dtypes an archive holds. */
    static final Set<NpyType> DTYPES = EnumSet.of(NpyType.FLOAT32, NpyType.FLOAT64, NpyType.INT64);

    /** Validates the name, the dtype and that the data matches the shape. */
    public NamedTensor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tensor name must not be blank, got '" + name + "'");
        }
        Objects.requireNonNull(dtype, "dtype");
        if (!DTYPES.contains(dtype)) {
            throw new IllegalArgumentException("tensor '" + name + "' has dtype " + dtype
                    + "; an archive holds " + DTYPES);
        }
        try {
            shape = new NpyArray(shape, dtype, data).shape();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("tensor '" + name + "': " + e.getMessage(), e);
        }
    }

    /** A float32 tensor. */
    public static NamedTensor ofFloats(String name, long[] shape, float[] data) {
        return new NamedTensor(name, shape, NpyType.FLOAT32, data);
    }

    /** A float64 tensor. */
    public static NamedTensor ofDoubles(String name, long[] shape, double[] data) {
        return new NamedTensor(name, shape, NpyType.FLOAT64, data);
    }

    /** An int64 tensor. */
    public static NamedTensor ofLongs(String name, long[] shape, long[] data) {
        return new NamedTensor(name, shape, NpyType.INT64, data);
    }

    /** A copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /**
     * The data of a float32 tensor.
     *
     * @throws IllegalStateException naming the tensor if it is of another dtype
     */
    public float[] floats() {
        return (float[]) typed(NpyType.FLOAT32);
    }

    /**
     * The data of a float64 tensor.
     *
     * @throws IllegalStateException naming the tensor if it is of another dtype
     */
    public double[] doubles() {
        return (double[]) typed(NpyType.FLOAT64);
    }

    /**
     * The data of an int64 tensor.
     *
     * @throws IllegalStateException naming the tensor if it is of another dtype
     */
    public long[] longs() {
        return (long[]) typed(NpyType.INT64);
    }

    private Object typed(NpyType wanted) {
        if (dtype != wanted) {
            throw new IllegalStateException("tensor '" + name + "' is " + dtype + ", not " + wanted);
        }
        return data;
    }

    /** The number of elements. */
    int size() {
        return java.lang.reflect.Array.getLength(data);
    }

    /** Equal name, shape, dtype and values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NamedTensor t && name.equals(t.name) && dtype == t.dtype
                && Arrays.equals(shape, t.shape) && Objects.deepEquals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), Arrays.deepHashCode(new Object[] {data}));
    }

    @Override
    public String toString() {
        return "NamedTensor[" + name + " " + dtype + " " + Arrays.toString(shape) + "]";
    }
}
