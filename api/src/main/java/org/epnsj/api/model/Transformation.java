package org.epnsj.api.model;

/** How a component's output transforms when its input is transformed by a group element. */
public enum Transformation {
    /** The output transforms by the corresponding action: f(g x) = g f(x). */
    EQUIVARIANT,
    /** The output does not change: f(g x) = f(x). */
    INVARIANT,
    /** No symmetry is claimed (non-equivariant baselines). */
    NONE
}
