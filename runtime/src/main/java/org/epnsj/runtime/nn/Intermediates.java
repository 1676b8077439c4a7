package org.epnsj.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * When a model's intermediate arrays are freed. DJL frees an array when its manager closes, so by
 * default every intermediate of a transition lives until the transition ends; for large grids that
 * is many gigabytes (the paper-size cell EPNS: 333 MB per hidden activation). Outside training
 * nothing needs them for a backward pass, so a layer can free each one as soon as the next is made.
 * In training they are kept: the backward pass needs them.
 *
 * <p>Use: {@code NDArray y = lifetimes.step(() -> relu(conv(x)))} frees whatever the step made besides
 * its result; {@code lifetimes.done(x)} frees an array the caller made and no longer needs. Both do
 * nothing when intermediates are kept, so the computed values are the same either way.
 */
public final class Intermediates {

    private static final Intermediates KEPT = new Intermediates(false);
    private static final Intermediates FREED = new Intermediates(true);

    private final boolean free;

    private Intermediates(boolean free) {
        this.free = free;
    }

    /**
     * The policy for one pass of a component.
     *
     * @param training whether the pass is part of a training step (the components' {@code training}
     *     flag): then intermediates are kept for the backward pass
     */
    public static Intermediates forPass(boolean training) {
        return training ? KEPT : FREED;
    }

    /** Whether this policy frees intermediates. */
    public boolean freesIntermediates() {
        return free;
    }

    /**
     * Runs one step and returns its result; when freeing, every other array the step created is closed
     * on return. The result must not be an array that existed before the step and is freed by it.
     */
    public NDArray step(Supplier<NDArray> op) {
        if (!free) {
            return op.get();
        }
        try (NDScope scope = new NDScope()) {
            NDArray result = op.get();
            NDScope.unregister(result);
            return result;
        }
    }

    /** Closes arrays the caller no longer needs, when freeing; null entries (arrays never made) are skipped. */
    public void done(NDArray... arrays) {
        if (free) {
            for (NDArray a : arrays) {
                if (a != null) {
                    a.close();
                }
            }
        }
    }
}
