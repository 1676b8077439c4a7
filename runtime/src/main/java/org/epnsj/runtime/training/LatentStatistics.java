package org.epnsj.runtime.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.epnsj.api.model.Distribution;
import org.epnsj.runtime.distribution.Normal;

/**
 * Sums, per latent dimension, the KL and the prior's and posterior's scales over the batches of a
 * validation pass, and turns them into {@link EpochDiagnostics}. Each batch costs one reduction per
 * quantity over a (B x nodes, dimensions) view and one copy of 4 x dimensions numbers to the host.
 */
final class LatentStatistics {

    private double[] kl;
    private double[] priorSigma;
    private double[] posteriorSigma;
    private double[] shift;
    private boolean gaussian = true;
    private long transitions;
    private long nodes = -1;

    /**
     * Adds one batch.
     *
     * @param prior p(z | h)
     * @param posterior q(z | h, x_{t+k})
     * @param rawKlElements KL(q || p) elementwise, (B, ..., dimensions) or (B) for a scalar latent
     */
    void add(Distribution prior, Distribution posterior, NDArray rawKlElements) {
        long[] shape = rawKlElements.getShape().getShape();
        long batch = shape[0];
        int dims = shape.length > 1 ? (int) shape[shape.length - 1] : 1;
        long batchNodes = 1;
        for (int i = 1; i < shape.length - 1; i++) {
            batchNodes *= shape[i];
        }
        if (kl == null) {
            kl = new double[dims];
            priorSigma = new double[dims];
            posteriorSigma = new double[dims];
            shift = new double[dims];
            nodes = batchNodes;
        } else if (dims != kl.length || batchNodes != nodes) {
            throw new IllegalArgumentException("latent shape changed within a validation pass: " + Arrays.toString(shape)
                    + " after " + nodes + " nodes of " + kl.length + " dimensions");
        }
        transitions += batch;
        NDArray klSums = columnSums(rawKlElements, dims);
        if (gaussian && prior instanceof Normal p && posterior instanceof Normal q) {
            // One copy to the host per batch: the four sums stacked.
            double[] all = NDArrays.stack(new NDList(klSums, columnSums(p.sigma().broadcast(p.mean().getShape()), dims),
                    columnSums(q.sigma().broadcast(q.mean().getShape()), dims),
                    columnSums(q.mean().sub(p.mean()).abs(), dims))).toDoubleArray();
            add(kl, all, 0);
            add(priorSigma, all, dims);
            add(posteriorSigma, all, 2 * dims);
            add(shift, all, 3 * dims);
        } else {
            gaussian = false;
            add(kl, klSums.toDoubleArray(), 0);
        }
    }

    /** The sums over every axis but the last of {@code values}, in float64: (dims). */
    private static NDArray columnSums(NDArray values, int dims) {
        return values.toType(DataType.FLOAT64, false).reshape(-1, dims).sum(new int[] {0});
    }

    private static void add(double[] sums, double[] values, int offset) {
        for (int d = 0; d < sums.length; d++) {
            sums[d] += values[offset + d];
        }
    }

    /**
     * The diagnostics of the batches added so far, with the given one-step accuracy.
     *
     * @throws IllegalStateException if no batch was added
     */
    EpochDiagnostics finish(int accuracyTransitions, Map<String, Double> oneStepAccuracy) {
        if (kl == null) {
            throw new IllegalStateException("no validation batch was added");
        }
        double rows = (double) transitions * nodes;
        List<Double> klPerDimension = scaled(kl, 1.0 / transitions);
        int active = 0;
        for (double value : klPerDimension) {
            if (value / nodes > EpochDiagnostics.ACTIVE_UNIT_THRESHOLD) {
                active++;
            }
        }
        return new EpochDiagnostics((int) nodes, EpochDiagnostics.ACTIVE_UNIT_THRESHOLD, active, klPerDimension,
                gaussian ? scaled(priorSigma, 1 / rows) : null, gaussian ? scaled(posteriorSigma, 1 / rows) : null,
                gaussian ? scaled(shift, 1 / rows) : null, accuracyTransitions, oneStepAccuracy);
    }

    private static List<Double> scaled(double[] sums, double factor) {
        List<Double> out = new ArrayList<>(sums.length);
        for (double s : sums) {
            out.add(s * factor);
        }
        return List.copyOf(out);
    }
}
