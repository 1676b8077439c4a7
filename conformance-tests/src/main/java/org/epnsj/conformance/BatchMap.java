package org.epnsj.conformance;

import ai.djl.ndarray.NDArray;

/** A deterministic map on batches (axis 0 the sample axis), e.g. a layer or a mean predictor. */
@FunctionalInterface
public interface BatchMap {

    /** The image of a batch; must not mix samples. */
    NDArray apply(NDArray batch);
}
