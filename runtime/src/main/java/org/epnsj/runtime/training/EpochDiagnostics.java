package org.epnsj.runtime.training;

import java.util.List;
import java.util.Map;

/**
 * What one epoch's validation pass says about the latent variable and about one rollout step: the
 * {@code diagnostics} of a {@code metrics.jsonl} line, so that a collapsed or unused latent shows
 * without reading code.
 *
 * <p>A latent dimension is the last axis of z; every axis between the batch and the last one counts
 * as nodes (bodies, cell ids; none for a global latent). The KL is KL(q || p) of the validation pass
 * (posterior from the true next state, as in the validation negative ELBO), raw: without the model's
 * {@code klScale}, beta or free bits, so its sum over dimensions is the KL term of the validation
 * negative ELBO.
 *
 * @param latentNodes latent vectors per transition: N for per-node latents (absent cell ids
 *     included), 1 for a global latent
 * @param activeUnitThreshold the KL in nats per node and transition a dimension must exceed to count
 *     as active
 * @param activeUnits the dimensions whose KL per node ({@code klPerDimension / latentNodes}) exceeds
 *     {@code activeUnitThreshold}: 0 means the latent has collapsed onto the prior
 * @param klPerDimension per dimension, the KL in nats per validation transition, summed over the nodes
 * @param priorSigma per dimension, the prior's standard deviation averaged over transitions and nodes;
 *     null when the latent is not Gaussian
 * @param posteriorSigma the same for the posterior
 * @param meanShift per dimension, |posterior mean - prior mean| averaged over transitions and nodes;
 *     null when the latent is not Gaussian
 * @param accuracyTransitions the validation transitions the one-step accuracy was measured on
 * @param oneStepAccuracy the model's {@code oneStepAccuracy()} figures, by name, for one rollout step
 *     (z from the prior, the run's rollout readout) against the true next state
 */
public record EpochDiagnostics(int latentNodes, double activeUnitThreshold, int activeUnits,
        List<Double> klPerDimension, List<Double> priorSigma, List<Double> posteriorSigma, List<Double> meanShift,
        int accuracyTransitions, Map<String, Double> oneStepAccuracy) {

    /** Nats per node and transition; the usual threshold for active units, small beside free bits of 0.1. */
    public static final double ACTIVE_UNIT_THRESHOLD = 0.01;

    /** The number of latent dimensions. */
    public int dimensions() {
        return klPerDimension == null ? 0 : klPerDimension.size();
    }

    /** The mean of per-dimension values over the dimensions, or NaN when there are none (or no list). */
    public static double average(List<Double> perDimension) {
        return perDimension == null || perDimension.isEmpty() ? Double.NaN
                : perDimension.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
