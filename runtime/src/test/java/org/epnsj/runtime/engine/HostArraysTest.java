package org.epnsj.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.function.BiFunction;
import org.epnsj.runtime.ops.Ops;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An array made from Java data keeps its values for as long as anything uses them: a view of it, kept
 * after the array itself is closed, reads the same values after the garbage collector has run and the
 * freed memory has been handed out again. (Made with {@code NDManager.create} on PyTorch, the same view
 * read the churn's values: 458,696 instead of 65,536.)
 */
class HostArraysTest {

    private static final int SIZE = 1 << 16;

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void aViewOfAnArrayMadeFromJavaDataOutlivesTheArray(String engine) throws InterruptedException {
        float[] ones = new float[SIZE];
        Arrays.fill(ones, 1f);
        try (NDManager root = Engines.newManager(engine, DeviceKind.CPU)) {
            NDArray view;
            try (NDManager sub = root.newSubManager()) {
                view = HostArrays.of(sub, ones, new Shape(256, 256)).reshape(SIZE);
                view.attach(root);
            }
            churn(root, (m, values) -> HostArrays.of(m, values, new Shape(SIZE)));
            assertThat(view.toType(DataType.FLOAT64, false).sum().getDouble()).isEqualTo(SIZE);
        }
    }

    /**
     * The gradient of a product and a quotient with numbers is the numbers', however much memory is freed
     * and handed out between the forward and the backward pass. (With DJL's {@code x.mul(3f).div(2f)} on
     * PyTorch the gradient came out -Infinity instead of 1.5.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void theGradientOfArithmeticWithNumbersSurvivesCollectionsBeforeTheBackwardPass(String engine)
            throws InterruptedException {
        try (NDManager root = Engines.newManager(engine, DeviceKind.CPU)) {
            NDArray x = HostArrays.of(root, new float[] {1, 2, 3, 4});
            x.setRequiresGradient(true);
            try (GradientCollector collector = root.getEngine().newGradientCollector()) {
                NDArray y = Ops.maximum(Ops.div(Ops.mul(x, 3), 2), 2);
                churn(root, (m, values) -> Ops.mul(HostArrays.of(m, values, new Shape(SIZE)), 7));
                collector.backward(y.sum());
            }
            // d/dx max(3x / 2, 2): 0 where 3x / 2 < 2 (x = 1), 1.5 elsewhere.
            assertThat(x.getGradient().toFloatArray()).containsExactly(0f, 1.5f, 1.5f, 1.5f);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void everyElementTypeKeepsItsValuesAndShape(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            assertThat(HostArrays.of(m, new double[] {1.5, -2}).toDoubleArray()).containsExactly(1.5, -2);
            assertThat(HostArrays.of(m, new float[] {1.5f, -2f}, new Shape(2, 1)).getShape()).isEqualTo(new Shape(2, 1));
            assertThat(HostArrays.of(m, new int[] {3, 4}).toIntArray()).containsExactly(3, 4);
            NDArray longs = HostArrays.of(m, new long[] {5, 6, 7});
            assertThat(longs.getDataType()).isEqualTo(DataType.INT64);
            assertThat(longs.toLongArray()).containsExactly(5, 6, 7);
        }
    }

    /** Frees memory the way the blob of a closed array is freed, then hands it out again, filled with 7. */
    private static void churn(NDManager root, BiFunction<NDManager, float[], NDArray> make)
            throws InterruptedException {
        float[] sevens = new float[SIZE];
        Arrays.fill(sevens, 7f);
        for (int i = 0; i < 50; i++) {
            System.gc();
            Thread.sleep(2);
            try (NDManager m = root.newSubManager()) {
                for (int j = 0; j < 20; j++) {
                    m.create(7f);
                }
                m.create(sevens, new Shape(SIZE));
                make.apply(m, sevens);
            }
        }
    }
}
