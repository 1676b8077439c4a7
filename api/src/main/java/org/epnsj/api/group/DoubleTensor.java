package org.epnsj.api.group;

import java.util.Arrays;

/**
 * A dense float64 tensor in row-major order: the plain-Java value type of reference actions and
 * checks.
 *
 * @param shape the dimensions, each at least 0
 * @param data the values in row-major order; its length is the product of {@code shape}
 */
public record DoubleTensor(long[] shape, double[] data) {

    /** Validates that the data length matches the shape. */
    public DoubleTensor {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape has a negative dimension: " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "data length " + data.length + " does not match shape " + Arrays.toString(shape));
        }
        shape = shape.clone();
    }

    /** A zero tensor of the given shape. */
    public static DoubleTensor zeros(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return new DoubleTensor(shape, new double[Math.toIntExact(n)]);
    }

    /** The number of elements. */
    public int size() {
        return data.length;
    }

    /** The largest absolute elementwise difference to {@code other} (same shape required). */
    public double maxAbsDifference(DoubleTensor other) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException(
                    "shapes differ: " + Arrays.toString(shape) + " vs " + Arrays.toString(other.shape));
        }
        double m = 0;
        for (int i = 0; i < data.length; i++) {
            m = Math.max(m, Math.abs(data[i] - other.data[i]));
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DoubleTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "DoubleTensor" + Arrays.toString(shape);
    }
}
