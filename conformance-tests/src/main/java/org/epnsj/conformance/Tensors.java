package org.epnsj.conformance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.runtime.engine.HostArrays;

/** Conversions between reference samples and batched arrays, and the scaled error of the kit. */
public final class Tensors {

    private Tensors() {}

    /** Stacks samples of one shape into a batch (axis 0) of the given dtype, owned by {@code manager}. */
    public static NDArray toBatch(NDManager manager, List<DoubleTensor> samples, DataType dataType) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("samples must not be empty");
        }
        long[] shape = samples.get(0).shape();
        int n = samples.get(0).size();
        double[] all = new double[n * samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            DoubleTensor s = samples.get(i);
            if (!Arrays.equals(shape, s.shape())) {
                throw new IllegalArgumentException("sample " + i + " has shape " + Arrays.toString(s.shape())
                        + ", sample 0 has " + Arrays.toString(shape));
            }
            System.arraycopy(s.data(), 0, all, i * n, n);
        }
        long[] batchShape = new long[shape.length + 1];
        batchShape[0] = samples.size();
        System.arraycopy(shape, 0, batchShape, 1, shape.length);
        NDArray a = HostArrays.of(manager, all, new Shape(batchShape));
        return dataType == DataType.FLOAT64 ? a : a.toType(dataType, false);
    }

    /** Splits a batch along axis 0 into float64 samples. */
    public static List<DoubleTensor> fromBatch(NDArray batch) {
        long[] shape = batch.getShape().getShape();
        if (shape.length == 0) {
            throw new IllegalArgumentException("a batch needs a sample axis, got a scalar");
        }
        double[] all = batch.toType(DataType.FLOAT64, false).toDoubleArray();
        long[] sampleShape = Arrays.copyOfRange(shape, 1, shape.length);
        int b = Math.toIntExact(shape[0]);
        int n = b == 0 ? 0 : all.length / b;
        List<DoubleTensor> out = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            out.add(new DoubleTensor(sampleShape, Arrays.copyOfRange(all, i * n, (i + 1) * n)));
        }
        return out;
    }

    /**
     * The kit's pointwise error: {@code max|actual - expected| / max(1, max|expected|)}; infinite on
     * a shape mismatch or a non-finite value.
     */
    public static double scaledError(DoubleTensor actual, DoubleTensor expected) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            return Double.POSITIVE_INFINITY;
        }
        double scale = 1;
        double diff = 0;
        for (int i = 0; i < expected.size(); i++) {
            double a = actual.data()[i];
            double e = expected.data()[i];
            if (!Double.isFinite(a) || !Double.isFinite(e)) {
                return Double.POSITIVE_INFINITY;
            }
            scale = Math.max(scale, Math.abs(e));
            diff = Math.max(diff, Math.abs(a - e));
        }
        return diff / scale;
    }

    /** A short replayable description: shape and the leading values. */
    public static String preview(DoubleTensor t) {
        int k = Math.min(6, t.size());
        StringBuilder s = new StringBuilder(Arrays.toString(t.shape())).append(" [");
        for (int i = 0; i < k; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format("%.6g", t.data()[i]));
        }
        return s.append(t.size() > k ? ", ...]" : "]").toString();
    }
}
