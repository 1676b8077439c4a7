package org.epnsj.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forward values of the grid ops (circular padding, rot90, roll, pixel shuffle) against plain-Java
 * references, exactly: they are index permutations, so any difference is a bug.
 */
class OpsGridTest {

    private static NDManager manager(String engine) {
        return Engines.newManager(engine, DeviceKind.CPU);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void circularPaddingWrapsAround(String engine) {
        try (NDManager m = manager(engine)) {
            HostTensor x = HostTensor.iota(2, 3, 3, 4);
            for (int[] pad : new int[][] {{1, 1}, {2, 1}, {0, 3}, {3, 4}, {0, 0}}) {
                NDArray out = Ops.circularPad2d(x.toArray(m), pad[0], pad[1]);
                assertThat(out.getShape()).isEqualTo(new Shape(2, 3, 3 + 2 * pad[0], 4 + 2 * pad[1]));
                assertThat(HostTensor.of(out).data).as("pad %d, %d", pad[0], pad[1])
                        .containsExactly(References.circularPad(x, pad[0], pad[1]).data);
            }
            NDArray input = x.toArray(m);
            assertThatThrownBy(() -> Ops.circularPad2d(input, 4, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("circular padding 4");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void rot90OfASmallMatrixIsCounterClockwise(String engine) {
        try (NDManager m = manager(engine)) {
            // numpy.rot90([[1, 2], [3, 4]]) == [[2, 4], [1, 3]]
            NDArray x = m.create(new double[] {1, 2, 3, 4}, new Shape(2, 2));
            assertThat(Ops.rot90(x, 1, 0, 1).toDoubleArray()).containsExactly(2, 4, 1, 3);
            assertThat(Ops.rot90(x, -1, 0, 1).toDoubleArray()).containsExactly(3, 1, 4, 2);
            assertThat(Ops.rot90(x, 1, 1, 0).toDoubleArray()).containsExactly(3, 1, 4, 2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void rot90MatchesReferenceOnANonSquareGrid(String engine) {
        try (NDManager m = manager(engine)) {
            HostTensor x = HostTensor.iota(2, 3, 4, 5);
            NDArray input = x.toArray(m);
            for (int k = -5; k <= 6; k++) {
                NDArray out = Ops.rot90(input, k, 2, 3);
                HostTensor expected = References.rot90(x, k, 2, 3);
                assertThat(out.getShape()).isEqualTo(expected.shape());
                assertThat(HostTensor.of(out).data).as("k = %d", k).containsExactly(expected.data);
                // Swapping the axes turns the other way; negative axes count from the end.
                assertThat(HostTensor.of(Ops.rot90(input, -k, -1, -2)).data).as("k = %d, swapped axes", k)
                        .containsExactly(expected.data);
            }
            // A plane that is not the last two axes.
            assertThat(HostTensor.of(Ops.rot90(input, 1, 0, 2)).data)
                    .containsExactly(References.rot90(x, 1, 0, 2).data);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void fourQuarterTurnsAreTheIdentity(String engine) {
        try (NDManager m = manager(engine)) {
            HostTensor x = HostTensor.gaussian(7, 2, 3, 4, 5);
            NDArray t = x.toArray(m);
            for (int i = 0; i < 4; i++) {
                t = Ops.rot90(t, 1, 2, 3);
                if (i < 3) {
                    assertThat(HostTensor.of(t).data).as("after %d turns", i + 1).isNotEqualTo(x.data);
                }
            }
            assertThat(t.getShape()).isEqualTo(x.shape());
            assertThat(HostTensor.of(t).data).containsExactly(x.data);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void rollHasNumpySemantics(String engine) {
        try (NDManager m = manager(engine)) {
            // numpy.roll(arange(5), 2) == [3, 4, 0, 1, 2]; numpy.roll(arange(5), -7) == [2, 3, 4, 0, 1]
            NDArray line = m.create(new double[] {0, 1, 2, 3, 4});
            assertThat(Ops.roll(line, 2, 0).toDoubleArray()).containsExactly(3, 4, 0, 1, 2);
            assertThat(Ops.roll(line, -7, 0).toDoubleArray()).containsExactly(2, 3, 4, 0, 1);
            HostTensor x = HostTensor.iota(2, 5, 3);
            NDArray input = x.toArray(m);
            for (int shift : new int[] {-11, -5, -1, 0, 1, 3, 5, 12}) {
                for (int axis = 0; axis < 3; axis++) {
                    assertThat(HostTensor.of(Ops.roll(input, shift, axis)).data).as("shift %d axis %d", shift, axis)
                            .containsExactly(References.roll(x, shift, axis).data);
                }
                assertThat(HostTensor.of(Ops.roll(input, shift, -2)).data).as("shift %d axis -2", shift)
                        .containsExactly(References.roll(x, shift, 1).data);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void pixelShuffleUsesPyTorchChannelOrder(String engine) {
        try (NDManager m = manager(engine)) {
            HostTensor x = HostTensor.iota(2, 18, 2, 3);
            NDArray out = Ops.pixelShuffle(x.toArray(m), 3);
            assertThat(out.getShape()).isEqualTo(new Shape(2, 2, 6, 9));
            assertThat(HostTensor.of(out).data).containsExactly(References.pixelShuffle(x, 3).data);
            NDArray input = x.toArray(m);
            assertThatThrownBy(() -> Ops.pixelShuffle(input, 4)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void identityResultsAreNewHandles(String engine) {
        try (NDManager m = manager(engine)) {
            NDArray x = HostTensor.iota(1, 1, 2, 3).toArray(m);
            NDArray rolled = Ops.roll(x, 3, 3);
            NDArray turned = Ops.rot90(x, 4, 2, 3);
            NDArray padded = Ops.circularPad2d(x, 0, 0);
            assertThat(rolled).isNotSameAs(x);
            assertThat(turned).isNotSameAs(x);
            assertThat(padded).isNotSameAs(x);
            rolled.close();
            turned.close();
            padded.close();
            // Closing the results must leave x usable.
            assertThat(x.toDoubleArray()).containsExactly(0, 1, 2, 3, 4, 5);
        }
    }
}
