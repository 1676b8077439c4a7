package org.epnsj.symmetry.e2;

import org.epnsj.api.spi.SymmetryProvider;

/**
 * The E(2) × S_n plugin (id {@code e2xsn}): an {@link E2xSnGroup} at the given {@link E2xSnParameters};
 * by default 8 particles. An element acts on any number of particles at least as large as the ones it
 * moves; domains build the group at their own particle counts.
 */
public final class E2xSnSymmetryProvider implements SymmetryProvider<E2xSnParameters> {

    /** The particle count of the default parameters. */
    public static final int DEFAULT_PARTICLES = 8;

    /** The default parameters: 8 particles, translations at the group's default scale. */
    public static final E2xSnParameters DEFAULT_PARAMETERS = new E2xSnParameters(DEFAULT_PARTICLES);

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
    public Class<E2xSnParameters> parametersType() {
        return E2xSnParameters.class;
    }

    @Override
    public E2xSnParameters defaultParameters() {
        return DEFAULT_PARAMETERS;
    }

    @Override
    public E2xSnGroup group(E2xSnParameters parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters of symmetry '" + E2xSnGroup.ID + "' must be given, got null");
        }
        return new E2xSnGroup(parameters.particles(), parameters.translationScale());
    }

    @Override
    public E2xSnGroup group() {
        return group(DEFAULT_PARAMETERS);
    }
}
