package org.epnsj.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** The decoder: (h, z) to the distribution p(x_{t+k} | h, z). */
public interface Decoder extends Component {

    /** The predicted distribution over the next state. */
    Distribution decode(NDList h, NDArray z, boolean training);

    /** What {@link #decode} computes, for {@link #of}. */
    @FunctionalInterface
    interface Computation {
        Distribution decode(NDList h, NDArray z, boolean training);
    }

    /** A decoder from its declared transformation and its computation. */
    static Decoder of(Transformation transformation, Computation computation) {
        Components.require(transformation, computation);
        return new Decoder() {
            @Override
            public Transformation transformation() {
                return transformation;
            }

            @Override
            public Distribution decode(NDList h, NDArray z, boolean training) {
                return computation.decode(h, z, training);
            }

            @Override
            public String toString() {
                return "Decoder[" + transformation + "]";
            }
        };
    }
}
