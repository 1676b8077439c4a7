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

    /** What {@link #forward} computes, for {@link #of}. */
    @FunctionalInterface
    interface Computation {
        NDList forward(NDArray state, boolean training);
    }

    /** A forward model from its declared transformation and its computation. */
    static ForwardModel of(Transformation transformation, Computation computation) {
        Components.require(transformation, computation);
        return new ForwardModel() {
            @Override
            public Transformation transformation() {
                return transformation;
            }

            @Override
            public NDList forward(NDArray state, boolean training) {
                return computation.forward(state, training);
            }

            @Override
            public String toString() {
                return "ForwardModel[" + transformation + "]";
            }
        };
    }
}
