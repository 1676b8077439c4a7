package org.epnsj.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Forward values of the graph ops (segment sum, gathers) against plain-Java loops, on both engines. */
class OpsGraphTest {

    private static final long[] IDS = {2, 0, 2, 3, 0, 2, 3}; // segment 1 and 4 stay empty

    private static NDManager manager(String engine) {
        return Engines.newManager(engine, DeviceKind.CPU);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void segmentSumMatchesLoopExactly(String engine) {
        try (NDManager m = manager(engine)) {
            // Integer-valued float32 entries: every partial sum is exact, so equality must hold.
            HostTensor values = HostTensor.iota(7, 3);
            NDArray out = Ops.segmentSum(values.toFloat32(m), m.create(IDS), 5);
            assertThat(out.getShape()).isEqualTo(new Shape(5, 3));
            assertThat(out.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(HostTensor.of(out).data).containsExactly(References.segmentSum(values, IDS, 5).data);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void batchedSegmentSumUsesTheSameIdsForEveryItem(String engine) {
        try (NDManager m = manager(engine)) {
            HostTensor values = HostTensor.iota(3, 7, 2);
            NDArray out = Ops.segmentSum(values.toFloat32(m), m.create(IDS), 5);
            assertThat(out.getShape()).isEqualTo(new Shape(3, 5, 2));
            assertThat(HostTensor.of(out).data).containsExactly(References.segmentSum(values, IDS, 5).data);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void segmentSumInFloat64AndInt32IdsAndOutOfRangeIds(String engine) {
        try (NDManager m = manager(engine)) {
            HostTensor values = HostTensor.gaussian(1, 2, 6, 4);
            long[] ids = {1, -1, 0, 3, 1, 0}; // -1 and 3 are outside [0, 3): they must be dropped
            NDArray out = Ops.segmentSum(values.toArray(m), m.create(new int[] {1, -1, 0, 3, 1, 0}), 3);
            assertThat(out.getDataType()).isEqualTo(DataType.FLOAT64);
            double[] expected = References.segmentSum(values, ids, 3).data;
            double[] actual = HostTensor.of(out).data;
            assertThat(actual).hasSize(expected.length);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("entry %d", i).isCloseTo(expected[i], within(1e-12));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void segmentSumRejectsMismatchedIds(String engine) {
        try (NDManager m = manager(engine)) {
            NDArray values = m.zeros(new Shape(4, 2));
            assertThatThrownBy(() -> Ops.segmentSum(values, m.create(new long[] {0, 1, 2}), 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 entries")
                    .hasMessageContaining("4 rows");
            assertThatThrownBy(() -> Ops.segmentSum(values, m.create(new float[] {0, 1, 2, 3}), 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("integer");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void gatherRowsMatchesLoop(String engine) {
        try (NDManager m = manager(engine)) {
            HostTensor x = HostTensor.iota(5, 2, 3);
            long[] index = {4, 0, 4, 2};
            NDArray out = Ops.gatherRows(x.toFloat32(m), m.create(index));
            assertThat(out.getShape()).isEqualTo(new Shape(4, 2, 3));
            assertThat(HostTensor.of(out).data).containsExactly(References.gather(x, index, 0).data);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void batchedGatherAlongAxisOne(String engine) {
        try (NDManager m = manager(engine)) {
            HostTensor x = HostTensor.iota(2, 5, 3);
            long[] index = {3, 3, 0, 1, 4, 2};
            NDArray out = Ops.gatherRows(x.toArray(m), m.create(index), 1);
            assertThat(out.getShape()).isEqualTo(new Shape(2, 6, 3));
            assertThat(HostTensor.of(out).data).containsExactly(References.gather(x, index, 1).data);
            // Negative axes count from the end.
            NDArray last = Ops.gatherRows(x.toArray(m), m.create(new long[] {2, 0}), -1);
            assertThat(HostTensor.of(last).data).containsExactly(References.gather(x, new long[] {2, 0}, 2).data);
        }
    }
}
