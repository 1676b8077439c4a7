package org.epnsj.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import java.util.function.Function;

/**
 * Checks autograd gradients against central finite differences. The scalar is
 * {@code L = sum(op(inputs) * r)} with {@code r} a fixed random tensor, so every output entry
 * matters with a different weight. Everything runs in float64.
 */
final class FiniteDifferences {

    /** Central difference step. */
    static final double STEP = 1e-6;

    /** Allowed |autograd - finite difference| / max(1, |autograd|, |finite difference|). */
    static final double TOLERANCE = 1e-6;

    private FiniteDifferences() {}

    /**
     * Asserts that the autograd gradient of {@code sum(op(inputs) * r)} with respect to every input
     * matches central finite differences.
     *
     * @param manager the engine's manager; the check works in child managers of it
     * @param name what is checked, for failure messages
     * @param op the op; it receives float64 copies of {@code inputs} in a child manager and must
     *     create any further array (index arrays...) in {@code inputs.head().getManager()}
     * @param seed seeds the weights r
     * @param inputs float64 inputs, left untouched
     */
    static void assertGradientsMatch(NDManager manager, String name, Function<NDList, NDArray> op, long seed,
            NDArray... inputs) {
        double error = maxRelativeError(manager, op, seed, inputs);
        assertThat(error).as("%s on %s: worst relative gradient error vs finite differences", name,
                manager.getEngine().getEngineName()).isLessThanOrEqualTo(TOLERANCE);
    }

    /** The worst relative error over all entries of all inputs (see {@link #TOLERANCE}). */
    static double maxRelativeError(NDManager manager, Function<NDList, NDArray> op, long seed, NDArray... inputs) {
        int n = inputs.length;
        double[][] host = new double[n][];
        Shape[] shapes = new Shape[n];
        for (int i = 0; i < n; i++) {
            assertThat(inputs[i].getDataType()).as("finite differences need float64 inputs").isEqualTo(DataType.FLOAT64);
            host[i] = inputs[i].toDoubleArray();
            shapes[i] = inputs[i].getShape();
        }
        double[] weights;
        Shape outShape;
        try (NDManager m = manager.newSubManager()) {
            outShape = op.apply(upload(m, host, shapes)).getShape();
            Random random = new Random(seed);
            weights = new double[Math.toIntExact(outShape.size())];
            for (int k = 0; k < weights.length; k++) {
                weights[k] = random.nextGaussian();
            }
        }
        double[][] autograd = new double[n][];
        try (NDManager m = manager.newSubManager()) {
            NDList xs = upload(m, host, shapes);
            for (NDArray x : xs) {
                x.setRequiresGradient(true);
            }
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray out = op.apply(xs);
                gc.backward(out.mul(m.create(weights, outShape)).sum());
            }
            for (int i = 0; i < n; i++) {
                try (NDArray g = xs.get(i).getGradient()) {
                    autograd[i] = g.toDoubleArray();
                }
            }
        }
        double worst = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < host[i].length; j++) {
                double original = host[i][j];
                host[i][j] = original + STEP;
                double plus = loss(manager, op, host, shapes, weights, outShape);
                host[i][j] = original - STEP;
                double minus = loss(manager, op, host, shapes, weights, outShape);
                host[i][j] = original;
                double numeric = (plus - minus) / (2 * STEP);
                double scale = Math.max(1, Math.max(Math.abs(numeric), Math.abs(autograd[i][j])));
                double error = Math.abs(numeric - autograd[i][j]) / scale;
                worst = Double.isNaN(error) ? Double.POSITIVE_INFINITY : Math.max(worst, error);
            }
        }
        return worst;
    }

    private static double loss(NDManager manager, Function<NDList, NDArray> op, double[][] host, Shape[] shapes,
            double[] weights, Shape outShape) {
        try (NDManager m = manager.newSubManager()) {
            NDArray out = op.apply(upload(m, host, shapes));
            return out.mul(m.create(weights, outShape)).sum().getDouble();
        }
    }

    private static NDList upload(NDManager m, double[][] host, Shape[] shapes) {
        NDList list = new NDList(host.length);
        for (int i = 0; i < host.length; i++) {
            list.add(m.create(host[i], shapes[i]));
        }
        return list;
    }
}
