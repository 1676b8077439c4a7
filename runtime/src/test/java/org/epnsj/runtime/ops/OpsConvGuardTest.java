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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Float32 convolutions must agree with float64 ones, forward and backward, on every engine. Guards
 * against PyTorch CPU float32 faults (oneDNN kernels working on 16-channel blocks) measured on an AMD
 * EPYC Zen 5: a wrong input gradient when the number of output channels is not a multiple of 16, and a
 * wrong output (for stride 2 also input gradient) when a kernel larger than 1x1 has more than 16 input
 * channels that are not a multiple of 16 (or, with stride 2, more than 32 that are not a multiple of 32).
 * If this fails on PyTorch only, check that {@link Ops#conv2d}'s zero-channel guard is still applied.
 */
class OpsConvGuardTest {

    /** Relative to the largest float64 gradient entry; float32 rounding stays far below it. */
    private static final double TOLERANCE = 1e-4;

    private record Grads(double[] y, double[] x, double[] w, double[] b) {}

    private static Grads grads(NDManager root, DataType dtype, HostTensor x, HostTensor w, HostTensor b, HostTensor r,
            Function<NDArray[], NDArray> conv) {
        try (NDManager m = root.newSubManager()) {
            NDArray[] in = {cast(x.toArray(m), dtype), cast(w.toArray(m), dtype), cast(b.toArray(m), dtype)};
            for (NDArray a : in) {
                a.setRequiresGradient(true);
            }
            double[] y;
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray out = conv.apply(in);
                assertThat(out.getShape()).isEqualTo(r.shape());
                y = HostTensor.of(out).data;
                gc.backward(out.mul(cast(r.toArray(m), dtype)).sum());
            }
            return new Grads(y, HostTensor.of(in[0].getGradient()).data, HostTensor.of(in[1].getGradient()).data,
                    HostTensor.of(in[2].getGradient()).data);
        }
    }

    private static NDArray cast(NDArray a, DataType dtype) {
        return a.getDataType() == dtype ? a : a.toType(dtype, false);
    }

    /** Largest difference relative to the largest float64 entry; NaN counts as infinitely wrong. */
    static double relativeError(double[] f32, double[] f64) {
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < f64.length; i++) {
            scale = Math.max(scale, Math.abs(f64[i]));
            double d = Math.abs(f32[i] - f64[i]);
            worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(worst, d);
        }
        return worst / Math.max(scale, 1e-30);
    }

    private static void check(String engine, String what, int outChannels, int[] outSize,
            Function<NDArray[], NDArray> conv, HostTensor w) {
        HostTensor x = HostTensor.gaussian(100 + outChannels, 2, 8, 12, 12);
        check(engine, what + " with " + outChannels + " output channels", x, w, outChannels, outSize, conv);
    }

    private static void check(String engine, String what, HostTensor x, HostTensor w, int outChannels, int[] outSize,
            Function<NDArray[], NDArray> conv) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            HostTensor b = HostTensor.gaussian(300 + outChannels, outChannels);
            HostTensor r = HostTensor.gaussian(400 + outChannels, x.shape[0], outChannels, outSize[0], outSize[1]);
            Grads g32 = grads(m, DataType.FLOAT32, x, w, b, r, conv);
            Grads g64 = grads(m, DataType.FLOAT64, x, w, b, r, conv);
            String label = what + " on " + engine + ": ";
            assertThat(relativeError(g32.y(), g64.y())).as(label + "output").isLessThan(TOLERANCE);
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

    /**
     * More than 16 input channels: 24 with a 5x5 kernel is the cpu-preset cell EPNS decoder's first
     * convolution, 38 with 3x3 the PNS posterior's; stride 2 with 40 and 48 the strided kernel's blocks
     * of 32. Unguarded, each gave a wrong output or input gradient on the affected processor, every run.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void float32ConvWithManyInputChannelsMatchesFloat64(String engine) {
        int[][] cases = {{17, 3, 1}, {24, 5, 1}, {38, 3, 1}, {40, 3, 2}, {48, 3, 2}};
        for (int[] c : cases) {
            int in = c[0];
            int k = c[1];
            int stride = c[2];
            HostTensor x = HostTensor.gaussian(600 + in, 2, in, 12, 12);
            HostTensor w = HostTensor.gaussian(700 + in, 8, in, k, k);
            int out = (12 + 2 * (k / 2) - k) / stride + 1;
            check(engine, "conv2d " + k + "x" + k + " stride " + stride + " with " + in + " input channels", x, w, 8,
                    new int[] {out, out}, t -> Ops.conv2d(t[0], t[1], t[2], stride, k / 2));
        }
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

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void guardPadsInputChannelsOnlyWherePyTorchFloat32BlocksThem(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            int p = m.getEngine().getEngineName().equals(Engines.PYTORCH) ? 1 : 0;
            NDArray f32 = m.zeros(new Shape(1, 1, 2, 2), DataType.FLOAT32);
            assertThat(Ops.pytorchGuardInputChannels(f32, 24, 5, 5, 1)).as("24 -> 32").isEqualTo(8L * p);
            assertThat(Ops.pytorchGuardInputChannels(f32, 24, 3, 1, 2)).as("24 -> 32, stride 2").isEqualTo(8L * p);
            assertThat(Ops.pytorchGuardInputChannels(f32, 40, 3, 3, 1)).as("40 -> 48").isEqualTo(8L * p);
            assertThat(Ops.pytorchGuardInputChannels(f32, 40, 3, 3, 2)).as("40 -> 64, stride 2").isEqualTo(24L * p);
            assertThat(Ops.pytorchGuardInputChannels(f32, 24, 1, 1, 1)).as("1x1 kernels need none").isZero();
            assertThat(Ops.pytorchGuardInputChannels(f32, 12, 3, 3, 2)).as("16 or fewer need none").isZero();
            assertThat(Ops.pytorchGuardInputChannels(f32, 32, 3, 3, 2)).as("32, stride 2").isZero();
            assertThat(Ops.pytorchGuardInputChannels(f32, 48, 3, 3, 1)).as("48, stride 1").isZero();
            NDArray f64 = m.zeros(new Shape(1, 1, 2, 2), DataType.FLOAT64);
            assertThat(Ops.pytorchGuardInputChannels(f64, 24, 5, 5, 1)).as("float64").isZero();
        }
    }

    @Test
    void guardCanBeSwitchedOffForMeasurements() {
        try (NDManager m = Engines.newManager("pytorch", DeviceKind.CPU)) {
            NDArray in24 = m.zeros(new Shape(1, 24, 2, 2), DataType.FLOAT32);
            String before = System.getProperty(Ops.PYTORCH_CONV_GUARD_PROPERTY);
            System.setProperty(Ops.PYTORCH_CONV_GUARD_PROPERTY, "false");
            try {
                assertThat(Ops.pytorchGuardInputChannels(in24, 24, 5, 5, 1)).isZero();
                assertThat(Ops.pytorchGuardFilters(in24, 3)).isZero();
            } finally {
                if (before == null) {
                    System.clearProperty(Ops.PYTORCH_CONV_GUARD_PROPERTY);
                } else {
                    System.setProperty(Ops.PYTORCH_CONV_GUARD_PROPERTY, before);
                }
            }
            assertThat(Ops.pytorchGuardInputChannels(in24, 24, 5, 5, 1)).isEqualTo(8);
        }
    }
}
