package org.epnsj.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epnsj.runtime.ops.FiniteDifferences.assertGradientsMatch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Autograd gradients of every differentiable op, in float64 on both engines, against central finite
 * differences of {@code sum(op(x) * r)}. A failure names the op and engine: look for an engine op
 * with a missing or wrong backward (DJL notes list the known ones).
 */
class OpsGradientTest {

    private static NDManager manager(String engine) {
        return Engines.newManager(engine, DeviceKind.CPU);
    }

    private static NDArray longs(NDList inputs, long... values) {
        return inputs.head().getManager().create(values);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void checkerFailsOnABrokenGradient(String engine) {
        // Negative control: x * stopGradient(x) has autograd gradient x, the true one is 2x.
        try (NDManager m = manager(engine)) {
            NDArray x = HostTensor.gaussian(1, 3, 4).toArray(m);
            double error = FiniteDifferences.maxRelativeError(m, in -> in.head().mul(in.head().stopGradient()), 2, x);
            assertThat(error).isGreaterThan(100 * FiniteDifferences.TOLERANCE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void segmentSum(String engine) {
        try (NDManager m = manager(engine)) {
            NDArray values = HostTensor.gaussian(3, 7, 3).toArray(m);
            assertGradientsMatch(m, "segmentSum 2-D",
                    in -> Ops.segmentSum(in.head(), longs(in, 0, 2, 2, 3, 0, 2, 1), 5), 4, values);
            NDArray batched = HostTensor.gaussian(5, 2, 6, 3).toArray(m);
            assertGradientsMatch(m, "segmentSum batched",
                    in -> Ops.segmentSum(in.head(), longs(in, 3, 0, 3, 1, 1, 3), 4), 6, batched);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void gatherRows(String engine) {
        try (NDManager m = manager(engine)) {
            NDArray x = HostTensor.gaussian(7, 5, 3).toArray(m);
            // Repeated indices: the gradient must accumulate.
            assertGradientsMatch(m, "gatherRows axis 0",
                    in -> Ops.gatherRows(in.head(), longs(in, 4, 0, 4, 2, 4)), 8, x);
            NDArray batched = HostTensor.gaussian(9, 2, 5, 3).toArray(m);
            assertGradientsMatch(m, "gatherRows axis 1",
                    in -> Ops.gatherRows(in.head(), longs(in, 1, 1, 3, 0), 1), 10, batched);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void gridOps(String engine) {
        try (NDManager m = manager(engine)) {
            NDArray x = HostTensor.gaussian(11, 1, 2, 3, 4).toArray(m);
            assertGradientsMatch(m, "circularPad2d", in -> Ops.circularPad2d(in.head(), 2, 1), 12, x);
            for (int k = 1; k <= 3; k++) {
                int turns = k;
                assertGradientsMatch(m, "rot90 k=" + k, in -> Ops.rot90(in.head(), turns, 2, 3), 13 + k, x);
            }
            assertGradientsMatch(m, "roll", in -> Ops.roll(in.head(), -5, 3), 17, x);
            NDArray channels = HostTensor.gaussian(18, 1, 8, 2, 3).toArray(m);
            assertGradientsMatch(m, "pixelShuffle", in -> Ops.pixelShuffle(in.head(), 2), 19, channels);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void conv2d(String engine) {
        try (NDManager m = manager(engine)) {
            NDArray x = HostTensor.gaussian(21, 1, 2, 5, 5).toArray(m);
            NDArray w = HostTensor.gaussian(22, 3, 2, 3, 3).toArray(m);
            NDArray b = HostTensor.gaussian(23, 3).toArray(m);
            assertGradientsMatch(m, "conv2d stride 1 pad 1",
                    in -> Ops.conv2d(in.get(0), in.get(1), in.get(2), 1, 1), 24, x, w, b);
            assertGradientsMatch(m, "conv2d stride 2 pad 0 no bias",
                    in -> Ops.conv2d(in.get(0), in.get(1), null, 2, 0), 25, x, w);
            assertGradientsMatch(m, "conv2dCircular",
                    in -> Ops.conv2dCircular(in.get(0), in.get(1), in.get(2), 1), 26, x, w, b);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void convTranspose2d(String engine) {
        try (NDManager m = manager(engine)) {
            NDArray x = HostTensor.gaussian(31, 1, 2, 3, 3).toArray(m);
            NDArray w = HostTensor.gaussian(32, 2, 3, 3, 2).toArray(m);
            NDArray b = HostTensor.gaussian(33, 3).toArray(m);
            assertGradientsMatch(m, "convTranspose2d stride 2",
                    in -> Ops.convTranspose2d(in.get(0), in.get(1), in.get(2), 2), 34, x, w, b);
            assertGradientsMatch(m, "convTranspose2d stride 1 no bias",
                    in -> Ops.convTranspose2d(in.get(0), in.get(1), null, 1), 35, x, w);
        }
    }
}
