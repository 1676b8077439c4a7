package org.epnsj.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.epnsj.runtime.engine.HostArrays;

/**
 * The named trainable arrays of one model, in creation order. Values are drawn on the Java side from
 * a seeded generator, so a model starts from the same numbers on every engine and dtype.
 */
public final class ParameterSet {

    private final NDManager manager;
    private final DataType dataType;
    private final SplittableRandom rng;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();

    /**
     * Creates an empty set.
     *
     * @param manager owns the parameters
     * @param dataType float32 or float64
     * @param seed seeds the initial values
     */
    public ParameterSet(NDManager manager, DataType dataType, long seed) {
        this.manager = manager;
        this.dataType = dataType;
        this.rng = new SplittableRandom(seed);
    }

    /** The dtype of every parameter. */
    public DataType dataType() {
        return dataType;
    }

    /** The manager that owns the parameters. */
    public NDManager manager() {
        return manager;
    }

    /**
     * Creates a parameter with values uniform in [-bound, bound] (PyTorch's default for linear and
     * convolution layers uses bound = 1/sqrt(fan_in)). Gradients are attached.
     *
     * @throws IllegalArgumentException if the name is taken
     */
    public NDArray uniform(String name, Shape shape, double bound) {
        if (parameters.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' already exists");
        }
        int n = Math.toIntExact(shape.size());
        NDArray array;
        if (dataType == DataType.FLOAT64) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = (2 * rng.nextDouble() - 1) * bound;
            }
            array = HostArrays.of(manager, v, shape);
        } else {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
            array = HostArrays.of(manager, v, shape);
        }
        array.setName(name);
        array.setRequiresGradient(true);
        parameters.put(name, array);
        return array;
    }

    /** Creates a parameter filled with a constant. */
    public NDArray constant(String name, Shape shape, double value) {
        NDArray array = uniform(name, shape, 0.0);
        array.addi(value);
        return array;
    }

    /** All parameters by name, in creation order (read-only view). */
    public Map<String, NDArray> asMap() {
        return Collections.unmodifiableMap(parameters);
    }

    /** The total number of scalar parameters. */
    public long count() {
        return parameters.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }
}
