package org.epnsj.api.model;

/**
 * How a component's output transforms when its input is transformed by a group element that
 * exercises only the kinds of symmetry its model's {@link org.epnsj.api.spi.ModelDescription} claims
 * (all kinds unless it says otherwise). The description is the one place that says which kinds; the
 * component says how. A model that claims no kind declares {@link #NONE} for every component.
 */
public enum Transformation {
    /** The output transforms by the corresponding action: f(g x) = g f(x). */
    EQUIVARIANT,
    /** The output does not change: f(g x) = f(x). */
    INVARIANT,
    /** No symmetry is claimed (non-equivariant baselines). */
    NONE
}
