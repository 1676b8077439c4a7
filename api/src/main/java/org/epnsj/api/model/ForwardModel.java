package org.epnsj.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** The forward model F: x_t to the hidden representation h_t (spec section 1.2, steps 1-2). */
public interface ForwardModel extends Component {

    /**
     * Computes h for a batch of states.
     *
     * @param state a batch of states, axis 0 the sample axis
     * @param training whether this call is part of a training step
     * @return the hidden representation; element 0 is the per-node (or per-pixel) embedding
     */
    NDList forward(NDArray state, boolean training);
}
