package org.epnsj.domain.nbody.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.epnsj.domain.nbody.StochasticNBodySimulator;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.symmetry.e3.FrameAveraging;
import org.epnsj.symmetry.e3.PcaFrames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BodyGeometry}'s host-side inputs against the engine-op forms they replace, on simulated
 * states (seed 11): edge attributes against √(|Δ|² + 10⁻⁶) of the scaled state with a zeroed diagonal
 * computed with array ops, frames and framed coordinates against {@link FrameAveraging#frames(NDArray)}
 * and {@link FrameAveraging#toFrames}. Within {@value #TOLERANCE} relative to the largest entry, in
 * float32 on both engines.
 */
class BodyGeometryTest {

    /** Float32 rounding of the array forms. */
    private static final double TOLERANCE = 2e-6;
    private static final int BATCH = 4;
    private static final int N = 5;

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void edgeAttributesMatchTheArrayForm(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            NDArray x = states(m, 11);
            NDArray y = states(m, 12);
            NDArray expected = arrayEdges(x.div(NBodyModel.SCALE));
            BodyGeometry gx = BodyGeometry.of(x);
            NDArray edges = BodyGeometry.edges(1, gx);
            assertThat(edges.getShape()).isEqualTo(new Shape(BATCH, N, N, 2));
            assertThat(edges.getDataType()).isEqualTo(DataType.FLOAT32);
            assertClose(edges, expected, "edges");

            // k batches side by side on the last axis.
            NDArray both = BodyGeometry.edges(1, gx, BodyGeometry.of(y));
            assertClose(both, NDArrays.concat(new NDList(expected, arrayEdges(y.div(NBodyModel.SCALE))), -1), "two batches");

            // Copies: each sample's block repeated consecutively, the layout of the 8B frame batch.
            NDArray copies = BodyGeometry.edges(FrameAveraging.FRAMES, gx);
            assertThat(copies.getShape()).isEqualTo(new Shape(BATCH * FrameAveraging.FRAMES, N, N, 2));
            assertClose(copies, expected.repeat(0, FrameAveraging.FRAMES), "copies");

            assertThatThrownBy(() -> BodyGeometry.edges(1, gx, BodyGeometry.of(x.get(new NDIndex("0:2")))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(4, 5) and (2, 5)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void framedCoordinatesMatchFrameAveraging(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            NDArray x = states(m, 13);
            NDArray s = x.div(NBodyModel.SCALE);
            FrameAveraging averaging = new FrameAveraging();
            BodyGeometry geometry = BodyGeometry.of(x);
            PcaFrames frames = geometry.frames(averaging);
            PcaFrames expectedFrames = averaging.frames(s.get(new NDIndex("..., 1:4")));
            for (int i = 0; i < frames.matrices().length; i++) {
                assertThat(frames.matrices()[i]).as("frame matrix entry %d", i)
                        .isCloseTo(expectedFrames.matrices()[i], Offset.offset(TOLERANCE));
            }
            NDArray expected = NDArrays.concat(new NDList(averaging.toFrames(s.get(new NDIndex("..., 1:4")), frames, true),
                    averaging.toFrames(s.get(new NDIndex("..., 4:7")), frames, false)), -1);
            NDArray framed = geometry.framed(frames);
            assertThat(framed.getShape()).isEqualTo(new Shape(BATCH * FrameAveraging.FRAMES, N, 6));
            assertClose(framed, expected, "framed coordinates");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void rejectsStatesOfTheWrongShape(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            assertThatThrownBy(() -> BodyGeometry.of(m.zeros(new Shape(2, 5, 6))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(batch, bodies, 7), got (2, 5, 6)");
        }
    }

    /** The edge attributes as array ops: (B, n, n, 2). */
    private static NDArray arrayEdges(NDArray scaled) {
        return NDArrays.concat(new NDList(pairNorm(scaled.get(new NDIndex("..., 1:4"))),
                pairNorm(scaled.get(new NDIndex("..., 4:7")))), -1);
    }

    private static NDArray pairNorm(NDArray a) {
        NDArray diff = a.expandDims(2).sub(a.expandDims(1));
        NDArray norm = diff.square().sum(new int[] {-1}, true).add(BodyGeometry.ROOT_GUARD).sqrt();
        NDArray offDiagonal = a.getManager().eye(N).toType(a.getDataType(), false).neg().add(1).reshape(1, N, N, 1);
        return norm.mul(offDiagonal);
    }

    private static void assertClose(NDArray actual, NDArray expected, String what) {
        assertThat(actual.getShape()).as(what).isEqualTo(expected.getShape());
        float[] a = actual.toFloatArray();
        float[] e = expected.toType(DataType.FLOAT32, false).toFloatArray();
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - e[i]));
            scale = Math.max(scale, Math.abs(e[i]));
        }
        assertThat(scale).as("%s: not all zero", what).isGreaterThan(0);
        assertThat(worst / scale).as("%s: worst difference relative to the largest entry", what)
                .isLessThanOrEqualTo(TOLERANCE);
    }

    private static NDArray states(NDManager m, long seed) {
        StochasticNBodySimulator simulator = new StochasticNBodySimulator();
        SplittableRandom rng = new SplittableRandom(seed);
        float[] data = new float[BATCH * N * 7];
        for (int b = 0; b < BATCH; b++) {
            double[] x = simulator.initialState(rng).data();
            for (int i = 0; i < N * 7; i++) {
                data[b * N * 7 + i] = (float) x[i];
            }
        }
        return m.create(data, new Shape(BATCH, N, 7));
    }
}
