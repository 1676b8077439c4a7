package org.epnsj.symmetry.p4;

import org.epnsj.api.spi.SymmetryProvider;

/**
 * The p4 x S_labels plugin: a {@link P4Group} (no reflections) on the lattice and labels of the given
 * {@link P4Parameters}. Its default parameters are the cellular {@code cpu} preset's (a 32 x 32 torus,
 * 16 cell labels).
 */
public final class P4SymmetryProvider implements SymmetryProvider<P4Parameters> {

    /** The plugin's id, and its groups'. */
    public static final String ID = "p4";

    /** The default parameters: the cellular {@code cpu} preset's lattice and cells. */
    public static final P4Parameters DEFAULT_PARAMETERS = new P4Parameters(32, 16);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public String description() {
        return "p4 x cell-label permutations on a periodic square lattice (exact index permutations)";
    }

    @Override
    public Class<P4Parameters> parametersType() {
        return P4Parameters.class;
    }

    @Override
    public P4Parameters defaultParameters() {
        return DEFAULT_PARAMETERS;
    }

    @Override
    public P4Group group(P4Parameters parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters of symmetry '" + ID + "' must be given, got null");
        }
        return new P4Group(parameters.size(), parameters.labels(), false);
    }

    @Override
    public P4Group group() {
        return group(DEFAULT_PARAMETERS);
    }
}
