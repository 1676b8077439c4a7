package org.epnsj.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
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
 * Float32 convolution gradients must agree with float64 ones on every engine. Guards against the
 * PyTorch CPU float32 bug (oneDNN backward-data) that returned a wrong input gradient when the number of
 * output channels is not a multiple of 16 on some processors. If this fails on PyTorch only, check that
 * {@link Ops#conv2d}'s zero-filter guard is still applied.
 */
class OpsConvGuardTest {

    /** Relative to the largest float64 gradient entry; float32 rounding stays far below it. */
    private static final double TOLERANCE = 1e-4;

    private record Grads(double[] x, double[] w, double[] b) {}

    private static Grads grads(NDManager root, DataType dtype, HostTensor x, HostTensor w, HostTensor b, HostTensor r,
            Function<NDArray[], NDArray> conv) {
        try (NDManager m = root.newSubManager()) {
            NDArray[] in = {cast(x.toArray(m), dtype), cast(w.toArray(m), dtype), cast(b.toArray(m), dtype)};
            for (NDArray a : in) {
                a.setRequiresGradient(true);
            }
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray y = conv.apply(in);
                assertThat(y.getShape()).isEqualTo(r.shape());
                gc.backward(y.mul(cast(r.toArray(m), dtype)).sum());
            }
            return new Grads(HostTensor.of(in[0].getGradient()).data, HostTensor.of(in[1].getGradient()).data,
                    HostTensor.of(in[2].getGradient()).data);
        }
    }

    private static NDArray cast(NDArray a, DataType dtype) {
        return a.getDataType() == dtype ? a : a.toType(dtype, false);
    }

    private static double relativeError(double[] f32, double[] f64) {
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < f64.length; i++) {
            scale = Math.max(scale, Math.abs(f64[i]));
            worst = Math.max(worst, Math.abs(f32[i] - f64[i]));
        }
        return worst / Math.max(scale, 1e-30);
    }

    private static void check(String engine, String what, int outChannels, int[] outSize,
            Function<NDArray[], NDArray> conv, HostTensor w) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            HostTensor x = HostTensor.gaussian(100 + outChannels, 2, 8, 12, 12);
            HostTensor b = HostTensor.gaussian(300 + outChannels, outChannels);
            HostTensor r = HostTensor.gaussian(400 + outChannels, 2, outChannels, outSize[0], outSize[1]);
            Grads g32 = grads(m, DataType.FLOAT32, x, w, b, r, conv);
            Grads g64 = grads(m, DataType.FLOAT64, x, w, b, r, conv);
            String label = what + " on " + engine + " with " + outChannels + " output channels: ";
            assertThat(relativeError(g32.x(), g64.x())).as(label + "input gradient").isLessThan(TOLERANCE);
            assertThat(relativeError(g32.w(), g64.w())).as(label + "weight gradient").isLessThan(TOLERANCE);
            assertThat(relativeError(g32.b(), g64.b())).as(label + "bias gradient").isLessThan(TOLERANCE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void float32ConvGradientsMatchFloat64(String engine) {
        for (int outChannels : new int[] {1, 3, 5, 17}) {
            HostTensor w = HostTensor.gaussian(200 + outChannels, outChannels, 8, 3, 3);
            check(engine, "conv2d", outChannels, new int[] {12, 12}, in -> Ops.conv2d(in[0], in[1], in[2], 1, 1), w);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void float32StridedAndCircularConvGradientsMatchFloat64(String engine) {
        HostTensor w3 = HostTensor.gaussian(203, 3, 8, 3, 3);
        check(engine, "conv2d stride 2", 3, new int[] {6, 6}, in -> Ops.conv2d(in[0], in[1], in[2], 2, 1), w3);
        HostTensor w5 = HostTensor.gaussian(205, 5, 8, 5, 5);
        check(engine, "conv2dCircular", 5, new int[] {12, 12}, in -> Ops.conv2dCircular(in[0], in[1], in[2], 1), w5);
        HostTensor wt = HostTensor.gaussian(207, 8, 3, 2, 2); // transposed layout (C_in, C_out, kH, kW)
        check(engine, "convTranspose2d", 3, new int[] {24, 24}, in -> Ops.convTranspose2d(in[0], in[1], in[2], 2), wt);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void float32GroupedConvGradientsMatchFloat64(String engine) {
        // 4 groups of 2 input channels; 3 and 2 filters per group (12 and 8 in all: guarded on PyTorch).
        for (int perGroup : new int[] {3, 2}) {
            HostTensor w = HostTensor.gaussian(210 + perGroup, 4 * perGroup, 2, 3, 3);
            check(engine, "grouped conv2dCircular", 4 * perGroup, new int[] {12, 12},
                    in -> Ops.conv2dCircular(in[0], in[1], in[2], 1, 4), w);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void comparisonDetectsAOnePercentGradientError(String engine) {
        // Negative control: gradients of a conv whose weights differ by 1% must not pass the check.
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            HostTensor x = HostTensor.gaussian(500, 2, 8, 12, 12);
            HostTensor w = HostTensor.gaussian(501, 3, 8, 3, 3);
            HostTensor w101 = new HostTensor(w.data.clone(), w.shape);
            for (int i = 0; i < w101.data.length; i++) {
                w101.data[i] *= 1.01;
            }
            HostTensor b = HostTensor.gaussian(502, 3);
            HostTensor r = HostTensor.gaussian(503, 2, 3, 12, 12);
            Function<NDArray[], NDArray> conv = in -> Ops.conv2d(in[0], in[1], in[2], 1, 1);
            Grads exact = grads(m, DataType.FLOAT64, x, w, b, r, conv);
            Grads off = grads(m, DataType.FLOAT32, x, w101, b, r, conv);
            assertThat(relativeError(off.x(), exact.x())).isGreaterThan(10 * TOLERANCE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void guardPadsOnlyPyTorchFloat32ToAMultipleOf16(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            boolean pytorch = m.getEngine().getEngineName().equals(Engines.PYTORCH);
            NDArray f32 = m.zeros(new Shape(1, 1, 2, 2), DataType.FLOAT32);
            NDArray f64 = m.zeros(new Shape(1, 1, 2, 2), DataType.FLOAT64);
            assertThat(Ops.pytorchGuardFilters(f32, 3)).isEqualTo(pytorch ? 13 : 0);
            assertThat(Ops.pytorchGuardFilters(f32, 17)).isEqualTo(pytorch ? 15 : 0);
            assertThat(Ops.pytorchGuardFilters(f32, 32)).isZero();
            assertThat(Ops.pytorchGuardFilters(f64, 3)).isZero();
            // Per group: 4 groups of 3 filters get one more each (16 in all), 4 groups of 4 none.
            assertThat(Ops.pytorchGuardFilters(f32, 12, 4)).isEqualTo(pytorch ? 1 : 0);
            assertThat(Ops.pytorchGuardFilters(f32, 16, 4)).isZero();
            assertThat(Ops.pytorchGuardFilters(f32, 6, 2)).isEqualTo(pytorch ? 5 : 0);
        }
    }
}
