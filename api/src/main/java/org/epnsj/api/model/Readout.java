package org.epnsj.api.model;

/** How a predicted distribution over the next state becomes the next state of a rollout. */
public enum Readout {
    /** The distribution's mean (continuous states). */
    MEAN,
    /** The most likely value (per-pixel argmax for categorical states). */
    MODE,
    /** A random draw. */
    SAMPLE
}
