package org.epnsj.domain.cellular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.nn.Intermediates;
import org.epnsj.runtime.nn.ParameterSet;
import org.epnsj.runtime.ops.Ops;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The p4 average computed with turned filters ({@code forwardAveraged}) is the average over turned
 * grids ({@link RotationAveraging} around {@code forward}) with the same parameters: values and
 * parameter gradients, on both engines in float32 (PyTorch's guarded convolutions included), for
 * layers with several edge and node convolutions, odd kernels 1, 3 and 5, and constant channels.
 */
class TurnedFiltersTest {

    /** Relative to the largest entry; float32 summation order differs between the two paths. */
    private static final double TOLERANCE = 2e-5;

    private static final Intermediates KEPT = Intermediates.forPass(true);

    private static final int NODES = 3;
    private static final int SAMPLES = 2;
    private static final int SIDE = 8;

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void theSpatialConvGnnLayerAveragesAsTurnedGridsDo(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            ParameterSet params = new ParameterSet(m, DataType.FLOAT32, 5);
            int gridChannels = 3;
            int constantChannels = 2;
            SpatialConvGnnLayer layer = new SpatialConvGnnLayer(params, "layer", gridChannels + constantChannels, 4,
                    5, 2, 3, 2, GridConv.Padding.CIRCULAR);
            NDArray x = uniform(m, 1, SAMPLES * NODES, gridChannels, SIDE, SIDE);
            NDArray constant = uniform(m, 2, SAMPLES * NODES, constantChannels);
            NDArray constantGrids = constant.reshape(SAMPLES * NODES, constantChannels, 1, 1).repeat(2, SIDE)
                    .repeat(3, SIDE);
            NDArray input = NDArrays.concat(new NDList(x, constantGrids), 1);
            assertSameValuesAndGradients(m, params,
                    () -> RotationAveraging.equivariant(true, g -> layer.forward(g, NODES, KEPT), input, KEPT),
                    () -> layer.forwardAveraged(x, constant, NODES, KEPT));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void withoutConstantChannelsToo(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            ParameterSet params = new ParameterSet(m, DataType.FLOAT32, 6);
            SpatialConvGnnLayer layer = new SpatialConvGnnLayer(params, "layer", 4, 4, 3, 1, 1, 1,
                    GridConv.Padding.CIRCULAR);
            NDArray x = uniform(m, 3, SAMPLES * NODES, 4, SIDE, SIDE);
            assertSameValuesAndGradients(m, params,
                    () -> RotationAveraging.equivariant(true, g -> layer.forward(g, NODES, KEPT), x, KEPT),
                    () -> layer.forwardAveraged(x, null, NODES, KEPT));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void thePooledNetAveragesAsTurnedGridsDo(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            ParameterSet params = new ParameterSet(m, DataType.FLOAT32, 7);
            PooledConvNet net = new PooledConvNet(params, "net", 5, 4, 3, 2, GridConv.Padding.CIRCULAR);
            NDArray x = uniform(m, 4, SAMPLES * NODES, 5, SIDE, SIDE);
            assertSameValuesAndGradients(m, params,
                    () -> RotationAveraging.invariant(true, g -> net.forward(g, KEPT), x, KEPT),
                    () -> net.forwardAveraged(x, KEPT));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void oneTurnedConvolutionIsTheConvolutionOfTheTurnedGrids(String engine) {
        // Group k of the lifted output is R^-k conv(R^k x); the same filters without turning are not (control).
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            ParameterSet params = new ParameterSet(m, DataType.FLOAT32, 8);
            GridConv conv = new GridConv(params, "conv", 3, 2, 3, GridConv.Padding.CIRCULAR);
            NDArray x = uniform(m, 5, 2, 3, SIDE, SIDE);
            NDArray lifted = conv.forwardTurned(x, null);
            for (int k = 0; k < GridConv.TURNS; k++) {
                NDArray expected = Ops.rot90(conv.forward(Ops.rot90(x, k, 2, 3)), -k, 2, 3);
                assertThat(relativeError(channels(lifted, 2 * k, 2 * (k + 1)), expected.toFloatArray())).as("turn " + k)
                        .isLessThan(TOLERANCE);
            }
            assertThat(relativeError(channels(lifted, 2, 4), conv.forward(x).toFloatArray())).isGreaterThan(0.01);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void turnedFiltersNeedCircularPadding(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            ParameterSet params = new ParameterSet(m, DataType.FLOAT32, 9);
            GridConv conv = new GridConv(params, "conv", 3, 2, 3, GridConv.Padding.ZERO);
            assertThatThrownBy(() -> conv.forwardTurned(uniform(m, 6, 1, 3, SIDE, SIDE), null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("circular");
        }
    }

    /** Channels [from, to) of (M, C, H, W), copied on the host (MXNet cannot slice some conv outputs). */
    private static float[] channels(NDArray x, int from, int to) {
        long[] s = x.getShape().getShape();
        int plane = (int) (s[2] * s[3]);
        float[] all = x.toFloatArray();
        float[] out = new float[(int) s[0] * (to - from) * plane];
        for (int m = 0; m < s[0]; m++) {
            System.arraycopy(all, (int) ((m * s[1] + from) * plane), out, m * (to - from) * plane, (to - from) * plane);
        }
        return out;
    }

    private static void assertSameValuesAndGradients(NDManager m, ParameterSet params, Supplier<NDArray> turnedGrids,
            Supplier<NDArray> turnedFilters) {
        NDArray weights = uniform(m, 99, 1);
        float[][] expected = valuesAndGradients(m, params, turnedGrids, weights);
        float[][] actual = valuesAndGradients(m, params, turnedFilters, weights);
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(relativeError(actual[i], expected[i])).as(i == 0 ? "values" : "gradient " + i)
                    .isLessThan(TOLERANCE);
        }
    }

    /** The output, then the gradient of every parameter of a random linear functional of it. */
    private static float[][] valuesAndGradients(NDManager m, ParameterSet params, Supplier<NDArray> f, NDArray seed) {
        try (NDManager step = m.newSubManager()) {
            Engine engine = step.getEngine();
            NDArray y;
            try (GradientCollector collector = engine.newGradientCollector()) {
                y = f.get();
                NDArray r = uniform(step, (long) (seed.getFloat() * 1000), y.getShape().getShape());
                collector.backward(y.mul(r).sum());
            }
            float[][] out = new float[1 + params.asMap().size()][];
            out[0] = y.toFloatArray();
            int i = 1;
            for (NDArray p : params.asMap().values()) {
                try (NDArray g = p.getGradient()) {
                    out[i++] = g.toFloatArray();
                    // PyTorch adds up gradients across backward passes: start the next pass from zero.
                    g.subi(g);
                }
            }
            return out;
        }
    }

    private static double relativeError(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        return worst / Math.max(scale, 1e-30);
    }

    private static NDArray uniform(NDManager m, long seed, long... shape) {
        SplittableRandom rng = new SplittableRandom(seed);
        Shape s = new Shape(shape);
        float[] v = new float[Math.toIntExact(s.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return m.create(v, s);
    }
}
