package org.epnsj.domain.flocking.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Pairwise quantities of a flock (B, N, 4) = [x, y, vx, vy], receiver i on axis 1 and sender j on
 * axis 2. The invariants use only differences of positions, velocities and dot products (no 2-D cross
 * product, which a reflection turns over), so they are unchanged by every element of E(2) and move
 * with the particles under permutations.
 */
final class PairFeatures {

    /** The number of pair invariants of {@link #invariants}. */
    static final int EDGE_INVARIANTS = 6;
    /** The number of per-particle invariants of a transition, {@link #transitionInvariants}. */
    static final int TRANSITION_INVARIANTS = 5;
    /** The number of per-particle pseudo-scalars of a transition, {@link #transitionPseudoScalars}. */
    static final int TRANSITION_PSEUDO_SCALARS = 3;

    /** Added under square roots so their gradient is finite on the diagonal (then zeroed). */
    private static final double ROOT_GUARD = 1e-6;

    private PairFeatures() {}

    /** a_j − a_i as (B, N, N, c) for a per-particle array a (B, N, c). */
    static NDArray relative(NDArray a) {
        return a.expandDims(1).sub(a.expandDims(2));
    }

    /** The dot product over the last axis, keeping it: (..., c) · (..., c) to (..., 1). */
    static NDArray dot(NDArray a, NDArray b) {
        return a.mul(b).sum(new int[] {-1}, true);
    }

    /**
     * The pair invariants (B, N, N, 6): distance d_ij, exp(−d_ij), relative speed |v_j − v_i|,
     * (x_j − x_i)·v_i, (x_j − x_i)·v_j and v_i·v_j; the two norms are zero on the diagonal.
     */
    static NDArray invariants(NDArray state) {
        NDArray x = FlockModel.positions(state);
        NDArray v = FlockModel.velocities(state);
        NDArray r = relative(x);
        NDArray offDiagonal = offDiagonal(state);
        NDArray distance = norm(r).mul(offDiagonal);
        NDArray speed = norm(relative(v)).mul(offDiagonal);
        NDArray vi = v.expandDims(2);
        NDArray vj = v.expandDims(1);
        return NDArrays.concat(new NDList(distance, distance.neg().exp(), speed, dot(r, vi), dot(r, vj), dot(vi, vj)), -1);
    }

    /**
     * Per-particle invariants of a transition from {@code state} to {@code target} (B, N, 5), with
     * δ = x' − x: δ·δ, δ·v, δ·v', v'·v' and v'·v.
     */
    static NDArray transitionInvariants(NDArray state, NDArray target) {
        NDArray v = FlockModel.velocities(state);
        NDArray delta = FlockModel.positions(target).sub(FlockModel.positions(state));
        NDArray next = FlockModel.velocities(target);
        return NDArrays.concat(new NDList(dot(delta, delta), dot(delta, v), dot(delta, next), dot(next, next),
                dot(next, v)), -1);
    }

    /**
     * Per-particle pseudo-scalars of a transition (B, N, 3), with δ = x' − x and a × b = a_x b_y − a_y b_x:
     * v × v' (the turn), v × δ and δ × v'. A rotation leaves them alone, a reflection turns their sign.
     */
    static NDArray transitionPseudoScalars(NDArray state, NDArray target) {
        NDArray v = FlockModel.velocities(state);
        NDArray delta = FlockModel.positions(target).sub(FlockModel.positions(state));
        NDArray next = FlockModel.velocities(target);
        return NDArrays.concat(new NDList(cross(v, next), cross(v, delta), cross(delta, next)), -1);
    }

    /**
     * Pair pseudo-scalars (B, N, N, 2), receiver i on axis 1: v_i × (x_j − x_i) and v_i × (v_j − v_i).
     * A rotation leaves them alone, a reflection turns their sign; zero on the diagonal.
     */
    static NDArray pairPseudoScalars(NDArray state) {
        NDArray vi = FlockModel.velocities(state).expandDims(2);
        return cross(vi, relative(FlockModel.positions(state))).concat(cross(vi, relative(FlockModel.velocities(state))), -1);
    }

    /** The 2-D cross product over the last axis, keeping it: (..., 2) × (..., 2) to (..., 1). */
    static NDArray cross(NDArray a, NDArray b) {
        return a.get("..., 0:1").mul(b.get("..., 1:2")).sub(a.get("..., 1:2").mul(b.get("..., 0:1")));
    }

    private static NDArray norm(NDArray r) {
        return r.square().sum(new int[] {-1}, true).add(ROOT_GUARD).sqrt();
    }

    /** 1 off the diagonal and 0 on it, (1, N, N, 1), in the state's dtype. */
    private static NDArray offDiagonal(NDArray state) {
        long n = state.getShape().get(1);
        try (NDArray eye = state.getManager().eye((int) n)) {
            return eye.toType(state.getDataType(), false).neg().add(1).reshape(1, n, n, 1);
        }
    }
}
