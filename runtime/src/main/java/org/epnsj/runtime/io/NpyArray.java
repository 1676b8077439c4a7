package org.epnsj.runtime.io;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array as stored in a NumPy {@code .npy} file, in C (row-major) order. The data
 * array is not copied: treat it as owned by this record.
 *
 * @param shape the dimensions, each at least 0; empty for a 0-d (scalar) array
 * @param dtype the element type
 * @param data a primitive array of {@code dtype}'s {@link NpyType#storageClass() storage class}
 *     with {@code prod(shape)} elements
 */
public record NpyArray(long[] shape, NpyType dtype, Object data) {

    /** Validates that the data's kind matches the dtype and its length matches the shape. */
    public NpyArray {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(data, "data");
        shape = shape.clone();
        int n = Axes.size(shape);
        if (!dtype.storageClass().isInstance(data)) {
            throw new IllegalArgumentException("data of dtype " + dtype + " must be a "
                    + dtype.storageClass().getSimpleName() + ", got " + data.getClass().getSimpleName());
        }
        int length = Array.getLength(data);
        if (length != n) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                    + " values, data has " + length);
        }
    }

    /** A float32 array. */
    public static NpyArray ofFloats(long[] shape, float[] data) {
        return new NpyArray(shape, NpyType.FLOAT32, data);
    }

    /** A float64 array. */
    public static NpyArray ofDoubles(long[] shape, double[] data) {
        return new NpyArray(shape, NpyType.FLOAT64, data);
    }

    /** An int32 array. */
    public static NpyArray ofInts(long[] shape, int[] data) {
        return new NpyArray(shape, NpyType.INT32, data);
    }

    /** An int64 array. */
    public static NpyArray ofLongs(long[] shape, long[] data) {
        return new NpyArray(shape, NpyType.INT64, data);
    }

    /** A copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements, {@code prod(shape)}. */
    public int size() {
        return Array.getLength(data);
    }

    /** The values as float32 (a new array); large integers and float64 values are rounded. */
    public float[] toFloatArray() {
        int n = size();
        float[] out = new float[n];
        switch (dtype) {
            case FLOAT32 -> System.arraycopy(data, 0, out, 0, n);
            case FLOAT64 -> {
                double[] a = (double[]) data;
                for (int i = 0; i < n; i++) {
                    out[i] = (float) a[i];
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out[i] = integerAt(i);
                }
            }
        }
        return out;
    }

    /** The values as float64 (a new array); int64 values beyond 2^53 are rounded. */
    public double[] toDoubleArray() {
        int n = size();
        double[] out = new double[n];
        switch (dtype) {
            case FLOAT32 -> {
                float[] a = (float[]) data;
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            case FLOAT64 -> System.arraycopy(data, 0, out, 0, n);
            default -> {
                for (int i = 0; i < n; i++) {
                    out[i] = integerAt(i);
                }
            }
        }
        return out;
    }

    /**
     * The values as int64 (a new array). Floating-point values must be whole numbers.
     *
     * @throws ArithmeticException naming the element if a float value is not a whole number
     */
    public long[] toLongArray() {
        int n = size();
        long[] out = new long[n];
        if (!dtype.isFloatingPoint()) {
            for (int i = 0; i < n; i++) {
                out[i] = integerAt(i);
            }
            return out;
        }
        double[] values = toDoubleArray();
        for (int i = 0; i < n; i++) {
            double v = values[i];
            // The cast saturates and maps NaN to 0, so the round trip detects every inexact value.
            long l = (long) v;
            if ((double) l != v || v == 0x1p63) {
                throw new ArithmeticException("element " + Axes.unravel(i, shape) + " of a " + dtype
                        + " array is " + v + ", not a whole number that fits int64");
            }
            out[i] = l;
        }
        return out;
    }

    private long integerAt(int i) {
        return switch (dtype) {
            case INT8 -> ((byte[]) data)[i];
            case UINT8 -> Byte.toUnsignedInt(((byte[]) data)[i]);
            case INT16 -> ((short[]) data)[i];
            case INT32 -> ((int[]) data)[i];
            case INT64 -> ((long[]) data)[i];
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
            default -> throw new AssertionError(dtype);
        };
    }

    /** This array with axis {@code perm[k]} moved to position {@code k}, as NumPy's transpose. */
    NpyArray transpose(int[] perm) {
        Axes.checkPermutation(perm, shape.length);
        if (Axes.isIdentity(perm)) {
            return this;
        }
        return new NpyArray(Axes.permute(shape, perm), dtype, Axes.gather(data, Axes.gatherIndex(shape, perm)));
    }

    /** Equal shape, dtype and values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && dtype == a.dtype && Arrays.equals(shape, a.shape)
                && Objects.deepEquals(data, a.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.deepHashCode(new Object[] {data}));
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
