package org.epnsj.runtime.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Dense#forwardConcatenated} against {@link Dense#forward} of the concatenation: the value and
 * the gradients of sum(y · r) with respect to both inputs, the weight and the bias agree within
 * {@value #TOLERANCE} relative to the largest entry, in float32 and float64, on both engines.
 */
class DenseTest {

    /** Float32 rounding of a sum of 11 products. */
    private static final double TOLERANCE = 1e-6;

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void forwardConcatenatedMatchesForwardOfTheConcatenation(String engine) {
        for (DataType dtype : List.of(DataType.FLOAT32, DataType.FLOAT64)) {
            List<double[]> split = run(engine, dtype, (layer, in) -> layer.forwardConcatenated(in.get(0), in.get(1)));
            List<double[]> plain = run(engine, dtype,
                    (layer, in) -> layer.forward(NDArrays.concat(new NDList(in.get(0), in.get(1)), -1)));
            String[] names = {"value", "gradient of a", "gradient of b", "gradient of the weight", "gradient of the bias"};
            for (int k = 0; k < names.length; k++) {
                double scale = 0;
                double worst = 0;
                for (int i = 0; i < plain.get(k).length; i++) {
                    scale = Math.max(scale, Math.abs(plain.get(k)[i]));
                    worst = Math.max(worst, Math.abs(split.get(k)[i] - plain.get(k)[i]));
                }
                assertThat(scale).as("%s %s %s is not all zero", engine, dtype, names[k]).isGreaterThan(0);
                assertThat(worst / scale).as("%s %s %s: worst difference relative to the largest entry", engine, dtype,
                        names[k]).isLessThanOrEqualTo(TOLERANCE);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void forwardConcatenatedRejectsWidthsThatDoNotAddUp(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            Dense layer = new Dense(new ParameterSet(m, DataType.FLOAT32, 1), "layer", 11, 4);
            NDArray a = m.ones(new Shape(2, 3, 5));
            NDArray b = m.ones(new Shape(2, 3, 5));
            assertThatThrownBy(() -> layer.forwardConcatenated(a, b)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expects 11 input features, got 5 + 5");
        }
    }

    /** [y, da, db, dW, db] of f on seeded inputs (2, 3, 5) and (2, 3, 6) and a fresh seeded layer 11 → 4. */
    private static List<double[]> run(String engine, DataType dtype, BiFunction<Dense, NDList, NDArray> f) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            ParameterSet params = new ParameterSet(m, dtype, 7);
            Dense layer = new Dense(params, "layer", 11, 4);
            NDArray a = seeded(m, 1, new Shape(2, 3, 5)).toType(dtype, false);
            NDArray b = seeded(m, 2, new Shape(2, 3, 6)).toType(dtype, false);
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            List<double[]> out = new ArrayList<>();
            try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                NDArray y = f.apply(layer, new NDList(a, b));
                out.add(doubles(y));
                collector.backward(y.mul(seeded(m, 3, y.getShape()).toType(dtype, false)).sum());
            }
            out.add(doubles(a.getGradient()));
            out.add(doubles(b.getGradient()));
            out.add(doubles(params.asMap().get("layer.weight").getGradient()));
            out.add(doubles(params.asMap().get("layer.bias").getGradient()));
            return out;
        }
    }

    private static NDArray seeded(NDManager m, long seed, Shape shape) {
        java.util.Random random = new java.util.Random(seed);
        double[] v = new double[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return m.create(v, shape);
    }

    private static double[] doubles(NDArray x) {
        return x.toType(DataType.FLOAT64, false).toDoubleArray();
    }
}
