package org.epnsj.api.training;

/**
 * Adam with coupled L2 weight decay (the decay term is added to the gradient before the moment
 * updates, as {@code torch.optim.Adam}; not AdamW), with an optional linear learning-rate decay.
 *
 * @param learningRate the step size at the first epoch, > 0
 * @param weightDecay the L2 coefficient, >= 0
 * @param beta1 first-moment decay in [0, 1)
 * @param beta2 second-moment decay in [0, 1)
 * @param epsilon denominator guard, > 0
 * @param finalLearningRateFraction the step size at the last epoch as a fraction of the first, in
 *     (0, 1]; the rate falls linearly in between (1: constant, as in the paper)
 */
public record AdamSettings(double learningRate, double weightDecay, double beta1, double beta2, double epsilon,
        double finalLearningRateFraction) {

    /** The paper's default: lr 1e-4, weight decay 1e-4, betas (0.9, 0.999), eps 1e-8. */
    public static final AdamSettings PAPER_DEFAULT = new AdamSettings(1e-4, 1e-4, 0.9, 0.999, 1e-8);

    /** Settings with a constant learning rate. */
    public AdamSettings(double learningRate, double weightDecay, double beta1, double beta2, double epsilon) {
        this(learningRate, weightDecay, beta1, beta2, epsilon, 1.0);
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
        return new AdamSettings(lr, weightDecay, beta1, beta2, epsilon, finalLearningRateFraction);
    }
}
