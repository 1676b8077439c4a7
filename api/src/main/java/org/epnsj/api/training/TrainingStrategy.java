package org.epnsj.api.training;

/** How training samples are formed (spec section 1.4). */
public enum TrainingStrategy {
    /** Input x_t, target x_{t+k}, one optimiser step. */
    ONE_STEP,
    /**
     * Posterior-steered rollouts of R(epoch) steps, the model's detached prediction as the next
     * input, a backward pass per step and one optimiser step.
     */
    MULTI_STEP
}
