package org.epnsj.api.training;

/**
 * The rollout length R(epoch) of multi-step training (spec section 1.4).
 *
 * <p>R = 1 for epoch <= firstEpoch; afterwards R = min(floor((epoch - offset) / every) + 1,
 * floor(((T - 1) * capFraction) / stride)), and never below 1. The paper's values are firstEpoch
 * 50, offset 40, every 10, capFraction 1/3: R is 2 at epoch 51, 3 at 60, 16 at 199.
 *
 * @param firstEpoch the last epoch with one-step rollouts
 * @param offset subtracted from the epoch before dividing
 * @param every epochs per additional step
 * @param capFraction the longest rollout as a fraction of a trajectory
 */
public record MultiStepSchedule(int firstEpoch, int offset, int every, double capFraction) {

    /** The paper's schedule. */
    public static final MultiStepSchedule PAPER = new MultiStepSchedule(50, 40, 10, 1.0 / 3.0);

    /** Validates the fields. */
    public MultiStepSchedule {
        Checks.atLeast("every", every, 1);
        if (!(capFraction > 0 && capFraction <= 1)) {
            throw new IllegalArgumentException("capFraction must be in (0, 1], got " + capFraction);
        }
    }

    /** The number of model steps per training sample at {@code epoch} for trajectories of T frames. */
    public int rolloutLength(int epoch, int trajectoryLength, int stride) {
        if (epoch <= firstEpoch) {
            return 1;
        }
        int grown = Math.floorDiv(epoch - offset, every) + 1;
        int cap = (int) Math.floor((trajectoryLength - 1) * capFraction / stride);
        return Math.max(1, Math.min(grown, cap));
    }
}
