package org.epnsj.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** The decoder: (h, z) to the distribution p(x_{t+k} | h, z). */
public interface Decoder extends Component {

    /** The predicted distribution over the next state. */
    Distribution decode(NDList h, NDArray z, boolean training);
}
