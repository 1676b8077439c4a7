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
        int clippedBatches) {}
