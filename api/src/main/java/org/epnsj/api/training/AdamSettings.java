package org.epnsj.api.training;

/**
 * Adam with coupled L2 weight decay (the decay term is added to the gradient before the moment
 * updates, as {@code torch.optim.Adam}; not AdamW).
 *
 * @param learningRate the step size, > 0
 * @param weightDecay the L2 coefficient, >= 0
 * @param beta1 first-moment decay in [0, 1)
 * @param beta2 second-moment decay in [0, 1)
 * @param epsilon denominator guard, > 0
 */
public record AdamSettings(double learningRate, double weightDecay, double beta1, double beta2, double epsilon) {

    /** The paper's default: lr 1e-4, weight decay 1e-4, betas (0.9, 0.999), eps 1e-8. */
    public static final AdamSettings PAPER_DEFAULT = new AdamSettings(1e-4, 1e-4, 0.9, 0.999, 1e-8);

    /** Validates the ranges. */
    public AdamSettings {
        Checks.positive("learningRate", learningRate);
        Checks.nonNegative("weightDecay", weightDecay);
        Checks.unitInterval("beta1", beta1);
        Checks.unitInterval("beta2", beta2);
        Checks.positive("epsilon", epsilon);
    }

    /** A copy with another learning rate. */
    public AdamSettings withLearningRate(double lr) {
        return new AdamSettings(lr, weightDecay, beta1, beta2, epsilon);
    }
}
