package org.epnsj.runtime.training;

/**
 * What one epoch did, one line of {@code metrics.jsonl}.
 *
 * @param epoch the 0-based epoch
 * @param beta the KL weight used
 * @param rolloutLength the number of model steps per sample
 * @param trainLoss the objective per sample and step
 * @param trainNll the negative log-likelihood per sample and step
 * @param trainKl the KL (before beta) per sample and step
 * @param validationNegativeElbo the one-step negative ELBO (beta 1) per validation transition, NaN
 *     without validation data
 * @param seconds wall time of the epoch
 * @param best whether this epoch's parameters are the best so far by validation negative ELBO
 * @param diagnostics the latent statistics and one-step accuracy of the validation pass; null without
 *     validation data, and in lines written before they were recorded
 * @param health gradient norms and recomputed batches of the epoch's optimiser steps; null in lines
 *     written before they were recorded
 */
public record EpochSummary(int epoch, double beta, int rolloutLength, double trainLoss, double trainNll,
        double trainKl, double validationNegativeElbo, double seconds, boolean best, EpochDiagnostics diagnostics,
        TrainingHealth health) {

    /** A summary without training health, as written before it was recorded. */
    public EpochSummary(int epoch, double beta, int rolloutLength, double trainLoss, double trainNll,
            double trainKl, double validationNegativeElbo, double seconds, boolean best,
            EpochDiagnostics diagnostics) {
        this(epoch, beta, rolloutLength, trainLoss, trainNll, trainKl, validationNegativeElbo, seconds, best,
                diagnostics, null);
    }
}
