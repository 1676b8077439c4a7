package org.epnsj.api.model;

import ai.djl.ndarray.NDList;
import java.util.Objects;

/** The conditional prior p(z | h). */
public interface ConditionalPrior extends Component {

    /** Where the latent lives; the transformation says whether it is invariant or equivariant. */
    LatentLayout layout();

    /** The prior over z given h. */
    Distribution prior(NDList h, boolean training);

    /** What {@link #prior} computes, for {@link #of}. */
    @FunctionalInterface
    interface Computation {
        Distribution prior(NDList h, boolean training);
    }

    /** A prior from its declared transformation, its latent layout and its computation. */
    static ConditionalPrior of(Transformation transformation, LatentLayout layout, Computation computation) {
        Components.require(transformation, computation);
        Objects.requireNonNull(layout, "layout");
        return new ConditionalPrior() {
            @Override
            public Transformation transformation() {
                return transformation;
            }

            @Override
            public LatentLayout layout() {
                return layout;
            }

            @Override
            public Distribution prior(NDList h, boolean training) {
                return computation.prior(h, training);
            }

            @Override
            public String toString() {
                return "ConditionalPrior[" + transformation + ", " + layout + "]";
            }
        };
    }
}
