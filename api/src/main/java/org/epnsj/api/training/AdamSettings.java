package org.epnsj.api.training;

/**
 * Adam with coupled L2 weight decay (the decay term is added to the gradient before the moment
 * updates, as {@code torch.optim.Adam}; not AdamW), with an optional linear learning-rate decay and
 * optional clipping of gradient spikes.
 *
 * @param learningRate the step size at the first epoch, > 0
 * @param weightDecay the L2 coefficient, >= 0
 * @param beta1 first-moment decay in [0, 1)
 * @param beta2 second-moment decay in [0, 1)
 * @param epsilon denominator guard, > 0
 * @param finalLearningRateFraction the step size at the last epoch as a fraction of the first, in
 *     (0, 1]; the rate falls linearly in between (1: constant, as in the paper)
 * @param gradientClipFactor 0 (off, as in the paper) or a factor >= 1: a summed gradient whose global
 *     L2 norm exceeds this multiple of the median norm of the recent optimiser steps is scaled down to
 *     it. Relative to the run's own norms, because a loss summed over batch and sites has no natural
 *     scale; a spike would otherwise dominate Adam's second moment for tens of steps (with beta2 0.9)
 *     and keep pushing the parameters along its own direction meanwhile
 */
public record AdamSettings(double learningRate, double weightDecay, double beta1, double beta2, double epsilon,
        double finalLearningRateFraction, double gradientClipFactor) {

    /** The paper's default: lr 1e-4, weight decay 1e-4, betas (0.9, 0.999), eps 1e-8. */
    public static final AdamSettings PAPER_DEFAULT = new AdamSettings(1e-4, 1e-4, 0.9, 0.999, 1e-8);

    /** Settings with a constant learning rate. */
    public AdamSettings(double learningRate, double weightDecay, double beta1, double beta2, double epsilon) {
        this(learningRate, weightDecay, beta1, beta2, epsilon, 1.0, 0);
    }

    /** Settings without gradient clipping. */
    public AdamSettings(double learningRate, double weightDecay, double beta1, double beta2, double epsilon,
            double finalLearningRateFraction) {
        this(learningRate, weightDecay, beta1, beta2, epsilon, finalLearningRateFraction, 0);
    }

    /** Validates the ranges. */
    public AdamSettings {
        Checks.positive("learningRate", learningRate);
        Checks.nonNegative("weightDecay", weightDecay);
        Checks.unitInterval("beta1", beta1);
        Checks.unitInterval("beta2", beta2);
        Checks.positive("epsilon", epsilon);
        if (!(finalLearningRateFraction > 0 && finalLearningRateFraction <= 1)) {
            throw new IllegalArgumentException("finalLearningRateFraction must be in (0, 1], got "
                    + finalLearningRateFraction);
        }
        if (!(gradientClipFactor == 0 || gradientClipFactor >= 1)) {
            throw new IllegalArgumentException("gradientClipFactor must be 0 (off) or at least 1 (a multiple of the"
                    + " median recent gradient norm), got " + gradientClipFactor);
        }
    }

    /** Whether gradient spikes are clipped. */
    public boolean clipsGradients() {
        return gradientClipFactor > 0;
    }

    /** The learning rate of {@code epoch} (0-based) in a run of {@code totalEpochs} epochs. */
    public double learningRate(int epoch, int totalEpochs) {
        if (finalLearningRateFraction == 1.0 || totalEpochs <= 1) {
            return learningRate;
        }
        double progress = Math.min(1.0, epoch / (double) (totalEpochs - 1));
        return learningRate * (1 - progress * (1 - finalLearningRateFraction));
    }

    /** A copy with another learning rate. */
    public AdamSettings withLearningRate(double lr) {
        return new AdamSettings(lr, weightDecay, beta1, beta2, epsilon, finalLearningRateFraction, gradientClipFactor);
    }

    /** A copy that clips gradient norms above {@code factor} times the recent median (0: off). */
    public AdamSettings withGradientClipFactor(double factor) {
        return new AdamSettings(learningRate, weightDecay, beta1, beta2, epsilon, finalLearningRateFraction, factor);
    }
}
