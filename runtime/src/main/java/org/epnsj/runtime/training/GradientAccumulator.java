package org.epnsj.runtime.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sums gradients over several backward passes with the same meaning on every engine.
 *
 * <p>PyTorch adds each backward pass to the stored gradient while MXNet overwrites it, and MXNet
 * keeps a stale gradient for a parameter that a pass did not reach. So after every backward pass
 * the gradients are added here and the engine's copies zeroed; the optimizer reads only these sums.
 */
public final class GradientAccumulator implements AutoCloseable {

    private final Map<String, NDArray> parameters;
    private final NDManager manager;
    private final Map<String, NDArray> sums = new LinkedHashMap<>();

    /** Creates zero sums for the parameters. */
    public GradientAccumulator(Map<String, NDArray> parameters) {
        this.parameters = parameters;
        this.manager = parameters.values().iterator().next().getManager().newSubManager();
        parameters.forEach((k, p) -> sums.put(k, manager.zeros(p.getShape(), p.getDataType())));
    }

    /** Adds the engine's current gradients to the sums and zeroes the engine's copies. */
    public void collect() {
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray g;
            try {
                g = e.getValue().getGradient();
            } catch (IllegalStateException unreached) {
                // PyTorch has no gradient yet for a parameter no backward pass has reached: zero.
                continue;
            }
            try (g) {
                sums.get(e.getKey()).addi(g);
                zero(g);
            }
        }
    }

    /** The summed gradients by parameter name. */
    public Map<String, NDArray> sums() {
        return sums;
    }

    /**
     * The global L2 norm of the sums: NaN or infinite if any entry is (a float32 square above the
     * range also reads as infinite, which only a diverged step reaches).
     */
    public double norm() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList squares = new NDList(sums.size());
            sums.values().forEach(s -> squares.add(s.square().sum()));
            return Math.sqrt(Parameters.scalar(NDArrays.stack(squares).sum()));
        }
    }

    /** Sets every sum to zero. */
    public void reset() {
        sums.values().forEach(GradientAccumulator::zero);
    }

    /**
     * Sets every entry to zero in place. Not {@code x - x}: a NaN or an infinity left by a pass that went
     * wrong would stay, and every later pass would add to it, so a recomputation could never come out finite.
     */
    private static void zero(NDArray array) {
        array.set(new NDIndex("..."), 0);
    }

    @Override
    public void close() {
        manager.close();
    }
}
