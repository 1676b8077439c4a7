package org.epnsj.api.state;

/** How a channel of a state behaves over time. */
public enum ChannelRole {
    /** Constant along a trajectory (n-body mass); copied, never predicted. */
    STATIC,
    /** Predicted by the model. */
    DYNAMIC,
    /** Recomputed from other channels (cell type from cell id); carries no gradient. */
    DERIVED
}
