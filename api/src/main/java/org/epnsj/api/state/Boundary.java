package org.epnsj.api.state;

/** Boundary semantics of a spatial domain; translations are exact symmetries only on a torus. */
public enum Boundary {
    /** Unbounded space (particles) or a grid whose edges are walls. */
    OPEN,
    /** A torus: leaving one side enters the opposite one. */
    PERIODIC
}
