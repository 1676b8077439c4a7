package org.epnsj.domain.nbody.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

/**
 * The invariant edge attributes of the body graph (spec §3.3): distance |x_i − x_j| and relative
 * speed |v_i − v_j|, zero on the diagonal. The relative speed uses all three velocity components;
 * the reference code reads only (v_y, v_z), which breaks rotation invariance (spec §9.1).
 */
final class BodyEdges {

    /** Added under the square root so its gradient is finite on the diagonal (then zeroed). */
    private static final double ROOT_GUARD = 1e-6;

    private BodyEdges() {}

    /**
     * @param state (B, n, 7), already scaled
     * @return (B, n, n, 2)
     */
    static NDArray of(NDArray state) {
        NDArray distance = pairNorm(state.get(new NDIndex("..., 1:4")));
        NDArray speed = pairNorm(state.get(new NDIndex("..., 4:7")));
        return NDArrays.concat(new NDList(distance, speed), -1);
    }

    /** |a_i − a_j| as (B, n, n, 1) with a zero diagonal. */
    private static NDArray pairNorm(NDArray a) {
        long n = a.getShape().get(1);
        NDArray diff = a.expandDims(2).sub(a.expandDims(1));
        NDArray norm = diff.square().sum(new int[] {-1}, true).add(ROOT_GUARD).sqrt();
        try (NDArray eye = a.getManager().eye((int) n).toType(a.getDataType(), false)) {
            NDArray offDiagonal = eye.neg().add(1).reshape(1, n, n, 1);
            return norm.mul(offDiagonal);
        }
    }
}
