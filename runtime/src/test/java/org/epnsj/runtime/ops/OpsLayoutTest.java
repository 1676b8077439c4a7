package org.epnsj.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.epnsj.runtime.ops.FiniteDifferences.assertGradientsMatch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-engine forms of layout ops ({@link Ops#reshapeView}, {@link Ops#plus}, {@link
 * Ops#repeatRows}, {@link Ops#meanOfRowGroups}) against the plain DJL calls they replace: the value
 * and the autograd gradient of sum(op(x) · r) in float32 agree within {@value #FLOAT32_TOLERANCE}
 * (relative to the largest entry), and the gradients match finite differences in float64.
 */
class OpsLayoutTest {

    /** Float rounding of a few float32 sums and products. */
    private static final double FLOAT32_TOLERANCE = 1e-6;

    private static NDManager manager(String engine) {
        return Engines.newManager(engine, DeviceKind.CPU);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void reshapeViewMatchesReshape(String engine) {
        try (NDManager m = manager(engine)) {
            NDArray x = HostTensor.gaussian(1, 4, 3, 5).toArray(m).toType(DataType.FLOAT32, false);
            Shape shape = new Shape(2, 6, 5);
            assertSameValueAndGradient(m, in -> Ops.reshapeView(in.head(), shape), in -> in.head().reshape(shape), 2, x);
            assertGradientsMatch(m, "reshapeView", in -> Ops.reshapeView(in.head(), shape), 3,
                    HostTensor.gaussian(1, 4, 3, 5).toArray(m));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void plusMatchesAdd(String engine) {
        try (NDManager m = manager(engine)) {
            NDArray a = HostTensor.gaussian(4, 3, 2, 4).toArray(m).toType(DataType.FLOAT32, false);
            NDArray b = HostTensor.gaussian(5, 3, 2, 4).toArray(m).toType(DataType.FLOAT32, false);
            assertSameValueAndGradient(m, in -> Ops.plus(in.get(0), in.get(1)), in -> in.get(0).add(in.get(1)), 6, a, b);
            assertGradientsMatch(m, "plus", in -> Ops.plus(in.get(0), in.get(1)), 7,
                    HostTensor.gaussian(4, 3, 2, 4).toArray(m), HostTensor.gaussian(5, 3, 2, 4).toArray(m));
            assertThatThrownBy(() -> Ops.plus(a, b.reshape(3, 8))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(3, 2, 4)").hasMessageContaining("(3, 8)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void repeatRowsMatchesRepeat(String engine) {
        try (NDManager m = manager(engine)) {
            NDArray x = HostTensor.gaussian(8, 3, 5, 2).toArray(m).toType(DataType.FLOAT32, false);
            assertSameValueAndGradient(m, in -> Ops.repeatRows(in.head(), 4), in -> in.head().repeat(0, 4), 9, x);
            assertGradientsMatch(m, "repeatRows", in -> Ops.repeatRows(in.head(), 4), 10,
                    HostTensor.gaussian(8, 3, 5, 2).toArray(m));
            assertThatThrownBy(() -> Ops.repeatRows(x, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("k must be >= 1, got 0");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void meanOfRowGroupsMatchesMeanOverGroups(String engine) {
        try (NDManager m = manager(engine)) {
            NDArray x = HostTensor.gaussian(11, 12, 5, 3).toArray(m).toType(DataType.FLOAT32, false);
            assertSameValueAndGradient(m, in -> Ops.meanOfRowGroups(in.head(), 4),
                    in -> in.head().reshape(3, 4, 5, 3).mean(new int[] {1}), 12, x);
            assertGradientsMatch(m, "meanOfRowGroups", in -> Ops.meanOfRowGroups(in.head(), 4), 13,
                    HostTensor.gaussian(11, 12, 5, 3).toArray(m));
            assertThatThrownBy(() -> Ops.meanOfRowGroups(x, 5)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("k = 5").hasMessageContaining("(12, 5, 3)");
        }
    }

    /**
     * op and reference give the same value and the same gradient of sum(f(x) · r) for every input,
     * with r standard normal from {@code seed}.
     */
    static void assertSameValueAndGradient(NDManager manager, Function<NDList, NDArray> op,
            Function<NDList, NDArray> reference, long seed, NDArray... inputs) {
        double[][] fast = valueAndGradients(manager, op, seed, inputs);
        double[][] plain = valueAndGradients(manager, reference, seed, inputs);
        String engine = manager.getEngine().getEngineName();
        for (int k = 0; k < fast.length; k++) {
            assertThat(fast[k]).as("%s, %s", engine, k == 0 ? "value" : "gradient of input " + (k - 1))
                    .hasSameSizeAs(plain[k]);
            double scale = 0;
            double worst = 0;
            for (int i = 0; i < plain[k].length; i++) {
                scale = Math.max(scale, Math.abs(plain[k][i]));
                worst = Math.max(worst, Math.abs(fast[k][i] - plain[k][i]));
            }
            assertThat(scale).as("%s: reference %s is not all zero", engine, k).isGreaterThan(0);
            assertThat(worst / scale).as("%s, %s: worst difference relative to the largest entry", engine,
                    k == 0 ? "value" : "gradient of input " + (k - 1)).isLessThanOrEqualTo(FLOAT32_TOLERANCE);
        }
    }

    /** [value, gradient of input 0, ...] of f, each flattened; the gradient is of sum(f(x) · r). */
    private static double[][] valueAndGradients(NDManager manager, Function<NDList, NDArray> f, long seed,
            NDArray... inputs) {
        try (NDManager m = manager.newSubManager()) {
            NDList copies = new NDList();
            for (NDArray input : inputs) {
                NDArray copy = input.duplicate();
                copy.attach(m);
                copy.setRequiresGradient(true);
                copies.add(copy);
            }
            double[][] out = new double[inputs.length + 1][];
            try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                NDArray y = f.apply(copies);
                NDArray r = HostTensor.gaussian(seed, toInts(y.getShape())).toArray(m).toType(y.getDataType(), false);
                out[0] = toDoubles(y);
                collector.backward(y.mul(r).sum());
            }
            for (int i = 0; i < inputs.length; i++) {
                out[i + 1] = toDoubles(copies.get(i).getGradient());
            }
            return out;
        }
    }

    private static int[] toInts(Shape shape) {
        int[] dims = new int[shape.dimension()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = Math.toIntExact(shape.get(i));
        }
        return dims;
    }

    private static double[] toDoubles(NDArray x) {
        try (NDArray d = x.toType(DataType.FLOAT64, false)) {
            return d.toDoubleArray();
        }
    }
}
