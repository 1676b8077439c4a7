package org.epnsj.api.spi;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * What a domain needs to build a model.
 *
 * @param manager owns the parameters; closing it frees them
 * @param dataType float32 for training, float64 for exact checks
 * @param seed seeds the parameter initialisation
 */
public record ModelContext(NDManager manager, DataType dataType, long seed) {

    /** Validates the fields. */
    public ModelContext {
        if (manager == null) {
            throw new IllegalArgumentException("manager must not be null");
        }
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new IllegalArgumentException("dataType must be float32 or float64, got " + dataType);
        }
    }
}
