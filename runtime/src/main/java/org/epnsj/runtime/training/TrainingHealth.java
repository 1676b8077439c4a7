package org.epnsj.runtime.training;

/**
 * How the optimiser steps of one epoch went: the size of their gradients, the batches that had to be
 * recomputed because the engine returned a non-finite loss or gradient once, and the batches whose
 * gradient was clipped.
 *
 * @param gradientNormMedian the median over the epoch's optimiser steps of the global L2 norm of the
 *     summed gradient (before weight decay)
 * @param gradientNormMax the largest of those norms: a spike far above the median marks a step that
 *     moved the parameters unusually far
 * @param recomputedBatches batches whose first attempt gave a non-finite loss or gradient and whose
 *     recomputation, with the same inputs and noise, was finite
 * @param clippedBatches batches whose gradient norm was above the optimiser's clipping limit and was
 *     scaled down to it (0 when clipping is off; also 0 in metrics written before it was counted)
 */
public record TrainingHealth(double gradientNormMedian, double gradientNormMax, int recomputedBatches,
        int clippedBatches) {

    /** The health of an epoch whose steps had these gradient norms (NaN figures for an epoch without steps). */
    static TrainingHealth of(double[] gradientNorms, int recomputed, int clipped) {
        double max = java.util.Arrays.stream(gradientNorms).max().orElse(Double.NaN);
        return new TrainingHealth(median(gradientNorms), max, recomputed, clipped);
    }

    /** The median (the mean of the middle two for an even count; NaN for none). */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
