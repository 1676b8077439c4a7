package org.epnsj.domain.nbody.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import org.epnsj.runtime.nn.ParameterSet;
import org.epnsj.runtime.nn.ParameterizedTransitionModel;
import org.epnsj.runtime.ops.Ops;

/**
 * What the n-body models share: states (B, n, 7) of mass, position and velocity; inputs divided by
 * {@link #SCALE} before the networks and predicted means multiplied back, σ left in original units
 * (spec §3.2); the mass copied into every prediction.
 */
abstract class NBodyModel extends ParameterizedTransitionModel {

    /** The unit change of spec §3.2: networks see state / 10. */
    static final double SCALE = 10.0;

    NBodyModel(String name, ParameterSet params) {
        super(name, params);
    }

    static NDArray mass(NDArray state) {
        return state.get(new NDIndex("..., 0:1"));
    }

    static NDArray positions(NDArray state) {
        return state.get(new NDIndex("..., 1:4"));
    }

    static NDArray velocities(NDArray state) {
        return state.get(new NDIndex("..., 4:7"));
    }

    static NDArray dynamics(NDArray state) {
        return state.get(new NDIndex("..., 1:7"));
    }

    static NDArray scaled(NDArray state) {
        if (state.getShape().dimension() != 3 || state.getShape().get(2) != 7) {
            throw new IllegalArgumentException("n-body states must have shape (batch, bodies, 7), got "
                    + state.getShape());
        }
        return Ops.div(state, SCALE);
    }
}
