package org.epnsj.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reproduction of PyTorch's float32 convolution faults (docs/architecture.md, "Engines on this
 * machine"): every convolution shape the cell models use at the tiny, cpu and paper presets (input and
 * output channels, kernel, stride) and the guard's boundary cases, at 1 and 2 intra-op threads, three
 * times each, forward and backward, in float32 against float64. DJL's plain {@code Conv2d} is run to
 * show whether this processor has the fault (the count is printed: an AMD EPYC Zen 5 got 22 of the 47
 * shapes wrong at either thread count, with NaN or infinity in 11 and 15 of the 141 runs); the guarded
 * {@link Ops#conv2d} must be right every time. Takes about three minutes.
 */
@Tag("slow")
class PyTorchConvFaultTest {

    private static final double TOLERANCE = 1e-4;
    private static final int REPETITIONS = 3;
    private static final int BATCH = 4;
    private static final int SIZE = 12;

    /** (input channels, output channels, kernel, stride). */
    private static final int[][] SHAPES = {
        // cell models (EPNS, EPNS-reference, EPNS-global, PNS) at tiny, cpu and paper
        {4, 1, 1, 1}, {4, 4, 3, 1}, {4, 4, 3, 2}, {4, 8, 3, 1}, {6, 8, 1, 1}, {6, 32, 1, 1}, {8, 1, 1, 1},
        {8, 4, 3, 1}, {8, 8, 3, 1}, {8, 8, 5, 1}, {10, 4, 3, 1}, {14, 4, 3, 1}, {14, 8, 1, 1}, {16, 16, 3, 2},
        {16, 17, 1, 1}, {16, 32, 3, 1}, {22, 16, 1, 1}, {24, 8, 5, 1}, {32, 1, 1, 1}, {32, 16, 5, 1},
        {32, 32, 3, 2}, {32, 32, 9, 1}, {32, 32, 11, 1}, {38, 16, 3, 1}, {38, 32, 9, 1}, {64, 32, 3, 1},
        {70, 128, 1, 1}, {96, 32, 11, 1}, {128, 65, 1, 1}, {128, 128, 3, 2}, {192, 128, 11, 1},
        {198, 128, 3, 1}, {256, 256, 3, 2}, {512, 256, 3, 1},
        // the guard's boundaries
        {17, 8, 3, 1}, {31, 8, 3, 1}, {33, 8, 5, 1}, {24, 8, 1, 1}, {17, 8, 3, 2}, {33, 8, 3, 2}, {40, 8, 3, 2},
        {48, 8, 3, 2}, {80, 8, 3, 2}, {96, 8, 3, 2}, {112, 8, 3, 2}, {4, 3, 3, 1}, {8, 17, 3, 1}};

    private record Result(double[] y, double[] dx, double[] dw, double[] db) {}

    @Test
    void guardedFloat32ConvolutionsMatchFloat64AtOneAndTwoThreads() {
        try (NDManager m = Engines.newManager(Engines.PYTORCH, DeviceKind.CPU)) {
            int defaultThreads = JniUtils.getNumThreads();
            List<String> guardedWrong = new ArrayList<>();
            StringBuilder report = new StringBuilder("PyTorch float32 conv2d against float64 (" + SHAPES.length
                    + " shapes, " + REPETITIONS + " runs each):");
            try {
                for (int threads : new int[] {1, 2}) {
                    JniUtils.setNumThreads(threads);
                    int plainWrongShapes = 0;
                    int plainNonFinite = 0;
                    for (int[] s : SHAPES) {
                        Result exact = run(m, s, DataType.FLOAT64, true);
                        boolean plainWrong = false;
                        for (int rep = 0; rep < REPETITIONS; rep++) {
                            Result plain = run(m, s, DataType.FLOAT32, false);
                            plainWrong |= wrong(plain, exact) != null;
                            plainNonFinite += nonFinite(plain) ? 1 : 0;
                            String what = wrong(run(m, s, DataType.FLOAT32, true), exact);
                            if (what != null) {
                                guardedWrong.add(describe(s) + " at " + threads + " threads: " + what);
                            }
                        }
                        plainWrongShapes += plainWrong ? 1 : 0;
                    }
                    report.append(String.format(" %d threads: plain Conv2d wrong for %d shapes (%d runs with NaN or"
                            + " infinity);", threads, plainWrongShapes, plainNonFinite));
                }
            } finally {
                JniUtils.setNumThreads(defaultThreads);
            }
            System.out.println(report);
            assertThat(guardedWrong).as("guarded float32 results off float64 by more than %s", TOLERANCE).isEmpty();
        }
    }

    private static String describe(int[] s) {
        return s[0] + " -> " + s[1] + " channels, " + s[2] + "x" + s[2] + ", stride " + s[3];
    }

    /** The first of output and gradients that is off, or null. */
    private static String wrong(Result got, Result exact) {
        String[] names = {"output", "input gradient", "weight gradient", "bias gradient"};
        double[][] g = {got.y(), got.dx(), got.dw(), got.db()};
        double[][] e = {exact.y(), exact.dx(), exact.dw(), exact.db()};
        for (int i = 0; i < names.length; i++) {
            double error = OpsConvGuardTest.relativeError(g[i], e[i]);
            if (!(error < TOLERANCE)) {
                return names[i] + " off by " + error;
            }
        }
        return null;
    }

    private static boolean nonFinite(Result r) {
        for (double[] a : new double[][] {r.y(), r.dx(), r.dw(), r.db()}) {
            for (double v : a) {
                if (!Double.isFinite(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Result run(NDManager root, int[] s, DataType dtype, boolean guarded) {
        int in = s[0];
        int out = s[1];
        int k = s[2];
        int stride = s[3];
        int pad = k / 2;
        int outSize = (SIZE + 2 * pad - k) / stride + 1;
        long seed = 1000L * in + 10L * out + k;
        try (NDManager m = root.newSubManager()) {
            NDArray x = HostTensor.gaussian(seed, BATCH, in, SIZE, SIZE).toArray(m).toType(dtype, false);
            NDArray w = HostTensor.gaussian(seed + 1, out, in, k, k).toArray(m).div(Math.sqrt(in * k * k))
                    .toType(dtype, false);
            NDArray b = HostTensor.gaussian(seed + 2, out).toArray(m).toType(dtype, false);
            NDArray r = HostTensor.gaussian(seed + 3, BATCH, out, outSize, outSize).toArray(m).toType(dtype, false);
            for (NDArray a : new NDArray[] {x, w, b}) {
                a.setRequiresGradient(true);
            }
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray y = guarded ? Ops.conv2d(x, w, b, stride, pad)
                        : Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(pad, pad), new Shape(1, 1), 1)
                                .singletonOrThrow();
                gc.backward(y.mul(r).sum());
                return new Result(HostTensor.of(y).data, HostTensor.of(x.getGradient()).data,
                        HostTensor.of(w.getGradient()).data, HostTensor.of(b.getGradient()).data);
            }
        }
    }
}
