package org.epnsj.api.metric;

/** How a metric's value is laid out in the evaluator's map. */
public enum Shape {
    /** One number (NaN or infinite where undefined). */
    SCALAR,
    /** A string: a note, a reason, a unit. */
    TEXT,
    /** A short list of the rollout steps that {@link #PER_STEP} lists refer to, e.g. {@code ksSteps}. */
    STEPS,
    /**
     * One number per step: a list aligned with a {@link #STEPS} metric (named by {@link Metric#steps()}),
     * or a field of a list of records that each carry their {@code step}.
     */
    PER_STEP,
    /** A curve over the rollout steps 0, 1, ..., one number per step. */
    CURVE
}
