package org.epnsj.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** The approximate posterior q(z | h_t, x_{t+k}), used in training and likelihood estimates. */
public interface ApproximatePosterior extends Component {

    /** The posterior over z given h and the true next state. */
    Distribution posterior(NDList h, NDArray target, boolean training);

    /** What {@link #posterior} computes, for {@link #of}. */
    @FunctionalInterface
    interface Computation {
        Distribution posterior(NDList h, NDArray target, boolean training);
    }

    /** A posterior from its declared transformation and its computation. */
    static ApproximatePosterior of(Transformation transformation, Computation computation) {
        Components.require(transformation, computation);
        return new ApproximatePosterior() {
            @Override
            public Transformation transformation() {
                return transformation;
            }

            @Override
            public Distribution posterior(NDList h, NDArray target, boolean training) {
                return computation.posterior(h, target, training);
            }

            @Override
            public String toString() {
                return "ApproximatePosterior[" + transformation + "]";
            }
        };
    }
}
