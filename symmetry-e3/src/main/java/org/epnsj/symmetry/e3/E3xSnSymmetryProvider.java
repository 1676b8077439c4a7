package org.epnsj.symmetry.e3;

import org.epnsj.api.spi.SymmetryProvider;

/**
 * The E(3) × S_n plugin (id {@code e3xsn}): an {@link E3xSnGroup} at the given {@link E3xSnParameters};
 * by default 5 bodies, as the n-body domain.
 */
public final class E3xSnSymmetryProvider implements SymmetryProvider<E3xSnParameters> {

    /** The body count of the default parameters. */
    public static final int DEFAULT_BODIES = 5;

    /** The default parameters: 5 bodies, translations at the group's default scale. */
    public static final E3xSnParameters DEFAULT_PARAMETERS = new E3xSnParameters(DEFAULT_BODIES);

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
    public Class<E3xSnParameters> parametersType() {
        return E3xSnParameters.class;
    }

    @Override
    public E3xSnParameters defaultParameters() {
        return DEFAULT_PARAMETERS;
    }

    @Override
    public E3xSnGroup group(E3xSnParameters parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters of symmetry '" + E3xSnGroup.ID + "' must be given, got null");
        }
        return new E3xSnGroup(parameters.bodies(), parameters.translationScale());
    }

    @Override
    public E3xSnGroup group() {
        return group(DEFAULT_PARAMETERS);
    }
}
