package org.epnsj.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Forward values and output sizes of the convolutions against plain-Java loops, on both engines. */
class OpsConvTest {

    private static NDManager manager(String engine) {
        return Engines.newManager(engine, DeviceKind.CPU);
    }

    private static void assertClose(NDArray actual, HostTensor expected, double tolerance, String what) {
        assertThat(actual.getShape()).as(what + " shape").isEqualTo(expected.shape());
        double[] a = HostTensor.of(actual).data;
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - expected.data[i]));
        }
        assertThat(worst).as(what + ": max abs difference to the reference loop").isLessThanOrEqualTo(tolerance);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void conv2dMatchesReference(String engine) {
        try (NDManager m = manager(engine)) {
            HostTensor x = HostTensor.gaussian(1, 2, 3, 7, 6);
            HostTensor w = HostTensor.gaussian(2, 5, 3, 3, 3);
            double[] bias = HostTensor.gaussian(3, 5).data;
            NDArray xa = x.toArray(m);
            NDArray wa = w.toArray(m);
            NDArray ba = m.create(bias);
            assertClose(Ops.conv2d(xa, wa, ba, 1, 1), References.conv2d(x, w, bias, 1, 1, false), 1e-12, "stride 1 pad 1");
            assertClose(Ops.conv2d(xa, wa, null, 2, 0), References.conv2d(x, w, null, 2, 0, false), 1e-12, "stride 2");
            assertClose(Ops.conv2d(xa, wa, ba, 3, 2), References.conv2d(x, w, bias, 3, 2, false), 1e-12, "stride 3 pad 2");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void groupedConvIsOneConvPerGroup(String engine) {
        // 3 groups of 2 input channels and 3 filters; float32, so PyTorch adds guard filters to each group.
        try (NDManager m = manager(engine)) {
            NDArray x = HostTensor.gaussian(11, 2, 6, 7, 7).toFloat32(m);
            NDArray w = HostTensor.gaussian(12, 9, 2, 3, 3).toFloat32(m);
            NDArray bias = HostTensor.gaussian(13, 9).toFloat32(m);
            NDArray out = Ops.conv2dCircular(x, w, bias, 1, 3);
            assertThat(out.getShape()).isEqualTo(new Shape(2, 9, 7, 7));
            double[] all = HostTensor.of(out).data;
            for (int g = 0; g < 3; g++) {
                NDArray expected = Ops.conv2dCircular(x.get(new NDIndex().addAllDim().addSliceDim(2 * g, 2 * g + 2)),
                        w.get(3 * g + ":" + (3 * g + 3)), bias.get(3 * g + ":" + (3 * g + 3)), 1);
                double[] e = HostTensor.of(expected).data;
                double worst = 0;
                for (int b = 0; b < 2; b++) {
                    for (int i = 0; i < 3 * 49; i++) {
                        worst = Math.max(worst, Math.abs(all[(b * 9 + 3 * g) * 49 + i] - e[b * 3 * 49 + i]));
                    }
                }
                assertThat(worst).as("group " + g).isLessThan(1e-4);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void float32ConvWithAnOddChannelCountKeepsItsShape(String engine) {
        // On PyTorch this goes through the zero-filter guard (3 -> 16 filters, sliced back to 3).
        try (NDManager m = manager(engine)) {
            HostTensor x = HostTensor.gaussian(4, 2, 3, 6, 6);
            HostTensor w = HostTensor.gaussian(5, 3, 3, 3, 3);
            double[] bias = HostTensor.gaussian(6, 3).data;
            NDArray out = Ops.conv2d(x.toFloat32(m), w.toFloat32(m), m.create(bias).toType(DataType.FLOAT32, false), 1, 1);
            assertThat(out.getDataType()).isEqualTo(DataType.FLOAT32);
            assertClose(out, References.conv2d(x, w, bias, 1, 1, false), 1e-4, "float32");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void circularConvMatchesWrapAroundReference(String engine) {
        try (NDManager m = manager(engine)) {
            HostTensor x = HostTensor.gaussian(7, 2, 2, 6, 5);
            HostTensor w = HostTensor.gaussian(8, 3, 2, 5, 3);
            double[] bias = HostTensor.gaussian(9, 3).data;
            NDArray xa = x.toArray(m);
            NDArray wa = w.toArray(m);
            NDArray out = Ops.conv2dCircular(xa, wa, m.create(bias), 1);
            assertThat(out.getShape()).isEqualTo(new Shape(2, 3, 6, 5));
            assertClose(out, References.conv2d(x, w, bias, 1, 0, true), 1e-12, "circular stride 1");
            NDArray strided = Ops.conv2dCircular(xa, wa, null, 2);
            assertThat(strided.getShape()).isEqualTo(new Shape(2, 3, 3, 3));
            assertClose(strided, References.conv2d(x, w, null, 2, 0, true), 1e-12, "circular stride 2");
            NDArray even = HostTensor.gaussian(10, 3, 2, 2, 3).toArray(m);
            assertThatThrownBy(() -> Ops.conv2dCircular(xa, even, null, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("odd kernel");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void convTranspose2dMatchesPyTorchDefinition(String engine) {
        try (NDManager m = manager(engine)) {
            HostTensor x = HostTensor.gaussian(11, 2, 3, 4, 3);
            for (int[] cfg : new int[][] {{1, 3, 3}, {2, 3, 3}, {2, 2, 2}, {3, 2, 4}, {2, 1, 1}}) {
                int stride = cfg[0];
                HostTensor w = HostTensor.gaussian(12 + stride, 3, 5, cfg[1], cfg[2]);
                double[] bias = HostTensor.gaussian(20 + stride, 5).data;
                NDArray out = Ops.convTranspose2d(x.toArray(m), w.toArray(m), m.create(bias), stride);
                // PyTorch ConvTranspose2d with padding 0: out = (in - 1) * stride + k.
                assertThat(out.getShape()).isEqualTo(new Shape(2, 5, 3L * stride + cfg[1], 2L * stride + cfg[2]));
                assertClose(out, References.convTranspose2d(x, w, bias, stride), 1e-12,
                        "stride " + stride + " kernel " + cfg[1] + "x" + cfg[2]);
            }
            NDArray noBias = Ops.convTranspose2d(x.toArray(m), HostTensor.gaussian(30, 3, 1, 2, 2).toArray(m), null, 2);
            assertClose(noBias, References.convTranspose2d(x, HostTensor.gaussian(30, 3, 1, 2, 2), null, 2), 1e-12,
                    "no bias");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void convRejectsMismatchedChannels(String engine) {
        try (NDManager m = manager(engine)) {
            NDArray x = m.zeros(new Shape(1, 3, 4, 4));
            NDArray w = m.zeros(new Shape(2, 4, 3, 3));
            assertThatThrownBy(() -> Ops.conv2d(x, w, null, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("4 input channels");
            assertThatThrownBy(() -> Ops.convTranspose2d(x, w, null, 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(C_in, C_out, kH, kW)");
        }
    }
}
