package org.epnsj.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Where random numbers for sampling come from. Implementations draw on the Java side from a seeded
 * generator so that a run is reproducible, the same on every engine, and resumable.
 */
public interface NoiseSource {

    /** Standard normal values of the given shape and dtype, owned by {@code manager}. */
    NDArray normal(NDManager manager, Shape shape, DataType dataType);

    /** Uniform values in [0, 1) of the given shape and dtype, owned by {@code manager}. */
    NDArray uniform(NDManager manager, Shape shape, DataType dataType);
}
