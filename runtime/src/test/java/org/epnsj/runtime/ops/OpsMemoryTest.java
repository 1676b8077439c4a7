package org.epnsj.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ops called in a per-step manager must not attach anything to the long-lived manager that owns the
 * weights and index arrays: otherwise every training step leaks.
 */
class OpsMemoryTest {

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void nothingLeaksIntoTheParameterManager(String engine) {
        try (NDManager root = Engines.newManager(engine, DeviceKind.CPU);
                NDManager params = root.newSubManager()) {
            // float32 with 3 output channels: the PyTorch guard path builds padded weights.
            NDArray weight = params.randomNormal(new Shape(3, 2, 3, 3));
            NDArray bias = params.randomNormal(new Shape(3));
            NDArray transposedWeight = params.randomNormal(new Shape(2, 3, 2, 2));
            NDArray ids = params.create(new long[] {0, 2, 1, 2});
            weight.setRequiresGradient(true);
            int before = ((BaseNDManager) params).getManagedArrays().size();
            for (int step = 0; step < 3; step++) {
                try (NDManager stepManager = root.newSubManager()) {
                    NDArray x = stepManager.randomNormal(new Shape(1, 2, 6, 6));
                    NDArray edges = stepManager.randomNormal(new Shape(4, 5));
                    try (GradientCollector gc = stepManager.getEngine().newGradientCollector()) {
                        NDArray y = Ops.conv2d(x, weight, bias, 1, 1).sum()
                                .add(Ops.conv2dCircular(x, weight, bias, 2).sum())
                                .add(Ops.convTranspose2d(x, transposedWeight, bias, 2).sum())
                                .add(Ops.segmentSum(edges, ids, 3).sum())
                                .add(Ops.gatherRows(edges, ids).sum());
                        gc.backward(y);
                    }
                    weight.getGradient().close();
                }
            }
            assertThat(((BaseNDManager) params).getManagedArrays()).hasSize(before);
        }
    }
}
