package org.epnsj.symmetry.e2;

import org.epnsj.api.group.Group;
import org.epnsj.api.spi.SymmetryProvider;

/**
 * The E(2) × S_n plugin (id {@code e2xsn}). Its group samples permutations of
 * {@link #DEFAULT_PARTICLES} particles; an element acts on any number of particles at least as large
 * as the ones it moves, and domains build groups with their own particle counts.
 */
public final class E2xSnSymmetryProvider implements SymmetryProvider {

    /** The particle count the provider's group samples permutations for. */
    public static final int DEFAULT_PARTICLES = 8;

    private final E2xSnGroup group = new E2xSnGroup(DEFAULT_PARTICLES);

    @Override
    public String id() {
        return E2xSnGroup.ID;
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public String description() {
        return "E(2) x S_n: rotations, reflections, translations and particle permutations in the plane";
    }

    @Override
    public Group<?> group() {
        return group;
    }
}
