package org.epnsj.api.model;

import ai.djl.ndarray.NDList;

/** The conditional prior p(z | h). */
public interface ConditionalPrior extends Component {

    /** Where the latent lives; the transformation says whether it is invariant or equivariant. */
    LatentLayout layout();

    /** The prior over z given h. */
    Distribution prior(NDList h, boolean training);
}
