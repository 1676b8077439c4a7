package org.epnsj.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** The approximate posterior q(z | h_t, x_{t+k}), used in training and likelihood estimates. */
public interface ApproximatePosterior extends Component {

    /** The posterior over z given h and the true next state. */
    Distribution posterior(NDList h, NDArray target, boolean training);
}
