package org.epnsj.runtime.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.epnsj.api.model.NoiseSource;
import org.epnsj.runtime.engine.HostArrays;

/**
 * Noise that remembers what it drew for one batch so that a recomputation of the batch draws exactly
 * the same values: the recomputation then differs from the first attempt only where the engine did.
 */
final class ReplayableNoise implements NoiseSource {

    private record Draw(String kind, Shape shape, DataType dataType, double[] values) {}

    private final NoiseSource source;
    private final List<Draw> draws = new ArrayList<>();
    private int cursor = -1;

    ReplayableNoise(NoiseSource source) {
        this.source = source;
    }

    /**
     * From now on returns the recorded draws again, in order, and then goes on drawing from the source:
     * an attempt that stopped early drew a prefix of what a complete one draws.
     */
    void replay() {
        cursor = 0;
    }

    @Override
    public NDArray normal(NDManager manager, Shape shape, DataType dataType) {
        return replaying() ? next("normal", manager, shape, dataType) : record("normal", source.normal(manager, shape, dataType));
    }

    @Override
    public NDArray uniform(NDManager manager, Shape shape, DataType dataType) {
        return replaying() ? next("uniform", manager, shape, dataType) : record("uniform", source.uniform(manager, shape, dataType));
    }

    private NDArray record(String kind, NDArray drawn) {
        draws.add(new Draw(kind, drawn.getShape(), drawn.getDataType(), drawn.toType(DataType.FLOAT64, false).toDoubleArray()));
        return drawn;
    }

    private boolean replaying() {
        if (cursor >= draws.size()) {
            cursor = -1;
        }
        return cursor >= 0;
    }

    private NDArray next(String kind, NDManager manager, Shape shape, DataType dataType) {
        Draw d = draws.get(cursor++);
        if (!d.kind().equals(kind) || !d.shape().equals(shape) || d.dataType() != dataType) {
            throw new IllegalStateException("the recomputation's draw " + cursor + " is " + kind + " " + shape + " "
                    + dataType + ", the first attempt's was " + d.kind() + " " + d.shape() + " " + d.dataType());
        }
        return HostArrays.of(manager, d.values(), shape).toType(dataType, false);
    }
}
