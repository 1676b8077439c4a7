package org.epnsj.runtime.io;

import java.util.Arrays;

/** Shape arithmetic and axis permutations shared by the readers and writers. */
final class Axes {

    /** The largest array length every JVM allows. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private Axes() {}

    /**
     * The number of elements of {@code shape}, which must fit a Java array.
     *
     * @throws IllegalArgumentException naming the shape if a dimension is negative or it is too large
     */
    static int size(long[] shape) {
        boolean empty = false;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            empty |= d == 0;
        }
        if (empty) {
            return 0; // (huge, 0) is a valid empty shape
        }
        long n = 1;
        for (long d : shape) {
            if (d > MAX_ELEMENTS / n) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                        + " has more elements than a Java array can hold (" + MAX_ELEMENTS + ")");
            }
            n *= d;
        }
        return (int) n;
    }

    /**
     * Checks that {@code perm} is a permutation of {@code 0 .. rank-1}.
     *
     * @throws IllegalArgumentException naming the permutation otherwise
     */
    static void checkPermutation(int[] perm, int rank) {
        boolean[] seen = new boolean[rank];
        boolean ok = perm.length == rank;
        for (int p : perm) {
            if (!ok || p < 0 || p >= rank || seen[p]) {
                ok = false;
                break;
            }
            seen[p] = true;
        }
        if (!ok) {
            throw new IllegalArgumentException("axis permutation " + Arrays.toString(perm)
                    + " is not a permutation of 0.." + (rank - 1));
        }
    }

    static boolean isIdentity(int[] perm) {
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** The inverse permutation. */
    static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int k = 0; k < perm.length; k++) {
            inv[perm[k]] = k;
        }
        return inv;
    }

    /** The shape after moving axis {@code perm[k]} to position {@code k} (NumPy's transpose). */
    static long[] permute(long[] shape, int[] perm) {
        long[] out = new long[perm.length];
        for (int k = 0; k < perm.length; k++) {
            out[k] = shape[perm[k]];
        }
        return out;
    }

    /**
     * For every element of {@code transpose(source, perm)} in C order, its index in {@code source}
     * (C order of {@code shape}).
     */
    static int[] gatherIndex(long[] shape, int[] perm) {
        int n = size(shape);
        int rank = shape.length;
        long[] strides = new long[rank];
        long stride = 1;
        for (int k = rank - 1; k >= 0; k--) {
            strides[k] = stride;
            stride *= shape[k];
        }
        long[] outShape = permute(shape, perm);
        long[] step = permute(strides, perm);
        long[] idx = new long[rank];
        int[] out = new int[n];
        long offset = 0;
        for (int i = 0; i < n; i++) {
            out[i] = (int) offset;
            for (int k = rank - 1; k >= 0; k--) {
                offset += step[k];
                if (++idx[k] < outShape[k]) {
                    break;
                }
                offset -= step[k] * outShape[k];
                idx[k] = 0;
            }
        }
        return out;
    }

    /** {@code out[i] = source[index[i]]} for any primitive array kind. */
    static Object gather(Object source, int[] index) {
        int n = index.length;
        if (source instanceof float[] a) {
            float[] o = new float[n];
            for (int i = 0; i < n; i++) {
                o[i] = a[index[i]];
            }
            return o;
        } else if (source instanceof double[] a) {
            double[] o = new double[n];
            for (int i = 0; i < n; i++) {
                o[i] = a[index[i]];
            }
            return o;
        } else if (source instanceof byte[] a) {
            byte[] o = new byte[n];
            for (int i = 0; i < n; i++) {
                o[i] = a[index[i]];
            }
            return o;
        } else if (source instanceof short[] a) {
            short[] o = new short[n];
            for (int i = 0; i < n; i++) {
                o[i] = a[index[i]];
            }
            return o;
        } else if (source instanceof int[] a) {
            int[] o = new int[n];
            for (int i = 0; i < n; i++) {
                o[i] = a[index[i]];
            }
            return o;
        } else if (source instanceof long[] a) {
            long[] o = new long[n];
            for (int i = 0; i < n; i++) {
                o[i] = a[index[i]];
            }
            return o;
        } else if (source instanceof boolean[] a) {
            boolean[] o = new boolean[n];
            for (int i = 0; i < n; i++) {
                o[i] = a[index[i]];
            }
            return o;
        }
        throw new IllegalArgumentException("not a primitive array: " + source.getClass().getName());
    }

    /** The multi-index of flat C-order position {@code flat} in {@code shape}, e.g. {@code [2, 5]}. */
    static String unravel(long flat, long[] shape) {
        long[] idx = new long[shape.length];
        for (int k = shape.length - 1; k >= 0; k--) {
            idx[k] = flat % shape[k];
            flat /= shape[k];
        }
        return Arrays.toString(idx);
    }
}
