package org.epnsj.runtime.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * A batched symmetric eigendecomposition: {@code values} (..., n) in ascending order and
 * {@code vectors} (..., n, n) holding the matching unit eigenvectors as columns, so that
 * {@code vectors · diag(values) · vectorsᵀ} reconstructs the input. Closing it closes both arrays.
 *
 * @param values eigenvalues, ascending along the last axis
 * @param vectors eigenvectors as columns: {@code vectors[..., :, j]} belongs to {@code values[..., j]}
 */
public record SymmetricEigen(NDArray values, NDArray vectors) implements AutoCloseable {

    /** Checks that both arrays are present and that their shapes agree. */
    public SymmetricEigen {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(vectors, "vectors");
        Shape vs = values.getShape();
        Shape ws = vectors.getShape();
        long n = vs.dimension() == 0 ? -1 : vs.get(vs.dimension() - 1);
        if (ws.dimension() != vs.dimension() + 1 || ws.get(ws.dimension() - 1) != n || ws.get(ws.dimension() - 2) != n
                || !ws.slice(0, ws.dimension() - 1).equals(vs)) {
            throw new IllegalArgumentException("vectors shape " + ws + " does not match values shape " + vs
                    + " (expected values (..., n) and vectors (..., n, n))");
        }
    }

    /** Closes both arrays. */
    @Override
    public void close() {
        values.close();
        vectors.close();
    }
}
