package org.epnsj.domain.flocking.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import org.epnsj.runtime.nn.ParameterSet;
import org.epnsj.runtime.nn.ParameterizedTransitionModel;
import org.epnsj.runtime.ops.Ops;

/**
 * What the flocking models share: states (B, N, 4) of position and velocity, and the update of the
 * predicted mean x' = x + τ (v + v') / 2 + Δx, v' = v + Δv, where τ is the time one model step spans:
 * the trapezoidal position update is the physics both models start from, so they learn only
 * corrections to it.
 */
abstract class FlockModel extends ParameterizedTransitionModel {

    /** The time one model step spans, τ = stride × frame interval. */
    protected final double stepTime;

    FlockModel(String name, ParameterSet params, double stepTime) {
        super(name, params);
        if (!(stepTime > 0) || Double.isInfinite(stepTime)) {
            throw new IllegalArgumentException("stepTime must be finite and > 0, got " + stepTime);
        }
        this.stepTime = stepTime;
    }

    static NDArray positions(NDArray state) {
        return state.get(new NDIndex("..., 0:2"));
    }

    static NDArray velocities(NDArray state) {
        return state.get(new NDIndex("..., 2:4"));
    }

    /** Rejects arrays that are not (batch, particles, 4). */
    static NDArray checked(NDArray state) {
        if (state.getShape().dimension() != 3 || state.getShape().get(2) != 4) {
            throw new IllegalArgumentException("flock states must have shape (batch, particles, 4), got "
                    + state.getShape());
        }
        return state;
    }

    /** The predicted mean [x + τ (v + v') / 2 + Δx, v + Δv], (B, N, 4). */
    NDArray integrate(NDArray state, NDArray dx, NDArray dv) {
        NDArray v = velocities(state);
        NDArray next = v.add(dv);
        NDArray x = positions(state).add(Ops.mul(v.add(next), stepTime / 2)).add(dx);
        return x.concat(next, -1);
    }
}
