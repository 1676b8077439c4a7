package org.epnsj.runtime.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/** Copies values into existing arrays (parameters, optimizer state) outside any autograd graph. */
public final class Parameters {

    private Parameters() {}

    /** Overwrites {@code target} with {@code values} (row-major, same size), converting to its dtype. */
    public static void overwrite(NDArray target, double[] values) {
        if (values.length != target.getShape().size()) {
            throw new IllegalArgumentException("cannot copy " + values.length + " values into an array of shape "
                    + target.getShape());
        }
        if (target.getDataType() == DataType.FLOAT64) {
            target.set(DoubleBuffer.wrap(values));
        } else {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            target.set(FloatBuffer.wrap(f));
        }
    }

    /** The value of a scalar array of any floating dtype (DJL's getDouble demands float64). */
    public static double scalar(NDArray array) {
        return array.getDataType() == DataType.FLOAT64 ? array.getDouble() : array.toType(DataType.FLOAT64, false).getDouble();
    }

    /** The values of {@code array} as float64, row-major. */
    public static double[] values(NDArray array) {
        if (array.getDataType() == DataType.FLOAT64) {
            return array.toDoubleArray();
        }
        float[] f = array.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
