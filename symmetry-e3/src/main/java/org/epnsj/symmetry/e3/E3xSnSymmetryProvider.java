package org.epnsj.symmetry.e3;

import org.epnsj.api.group.Group;
import org.epnsj.api.spi.SymmetryProvider;

/** The E(3) × S_n plugin (id {@code e3xsn}); its group samples permutations of 5 bodies, as the n-body domain. */
public final class E3xSnSymmetryProvider implements SymmetryProvider {

    /** The body count the provider's group samples permutations for. */
    public static final int DEFAULT_BODIES = 5;

    private final E3xSnGroup group = new E3xSnGroup(DEFAULT_BODIES);

    @Override
    public String id() {
        return E3xSnGroup.ID;
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public String description() {
        return "E(3) x S_n: rotations, reflections, translations and body permutations of point clouds";
    }

    @Override
    public Group<?> group() {
        return group;
    }
}
