package org.epnsj.runtime.rollout;

/** A rollout produced NaN or infinite states; the message says at which step. */
public class RolloutDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int step;

    /** Creates the exception for model step {@code step}. */
    public RolloutDivergedException(int step) {
        super("the rollout became non-finite at model step " + step);
        this.step = step;
    }

    /** The first model step with a non-finite state. */
    public int step() {
        return step;
    }
}
