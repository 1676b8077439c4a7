package org.epnsj.runtime.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;

/** A plain-Java row-major float64 tensor for reference implementations in tests. */
final class HostTensor {

    final double[] data;
    final int[] shape;
    private final int[] strides;

    HostTensor(int... shape) {
        this(new double[Arrays.stream(shape).reduce(1, (a, b) -> a * b)], shape);
    }

    HostTensor(double[] data, int... shape) {
        this.shape = shape.clone();
        this.strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        if (s != data.length) {
            throw new IllegalArgumentException("data length " + data.length + " does not match " + Arrays.toString(shape));
        }
        this.data = data;
    }

    /** Entries 0, 1, 2, ... so that every position has a distinct value. */
    static HostTensor iota(int... shape) {
        HostTensor t = new HostTensor(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = i;
        }
        return t;
    }

    /** Standard normal entries from a seeded generator. */
    static HostTensor gaussian(long seed, int... shape) {
        Random random = new Random(seed);
        HostTensor t = new HostTensor(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = random.nextGaussian();
        }
        return t;
    }

    static HostTensor of(NDArray array) {
        double[] d;
        if (array.getDataType() == DataType.FLOAT64) {
            d = array.toDoubleArray();
        } else {
            try (NDArray c = array.toType(DataType.FLOAT64, false)) {
                d = c.toDoubleArray();
            }
        }
        long[] s = array.getShape().getShape();
        return new HostTensor(d, Arrays.stream(s).mapToInt(Math::toIntExact).toArray());
    }

    /** A float64 array in {@code manager}. */
    NDArray toArray(NDManager manager) {
        return manager.create(data, shape());
    }

    /** A float32 array in {@code manager}. */
    NDArray toFloat32(NDManager manager) {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) data[i];
        }
        return manager.create(f, shape());
    }

    Shape shape() {
        return new Shape(Arrays.stream(shape).asLongStream().toArray());
    }

    int offset(int... idx) {
        int o = 0;
        for (int i = 0; i < idx.length; i++) {
            o += idx[i] * strides[i];
        }
        return o;
    }

    double get(int... idx) {
        return data[offset(idx)];
    }

    void set(double v, int... idx) {
        data[offset(idx)] = v;
    }

    void add(double v, int... idx) {
        data[offset(idx)] += v;
    }

    /** The multi-index of flat position {@code flat}. */
    int[] index(int flat) {
        int[] idx = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            idx[i] = flat / strides[i];
            flat %= strides[i];
        }
        return idx;
    }
}
