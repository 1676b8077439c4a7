package org.example.epns.c6;

import org.epnsj.api.spi.NoParameters;
import org.epnsj.api.spi.SymmetryProvider;

/**
 * The C6 plugin, registered in {@code META-INF/services/org.epnsj.api.spi.SymmetryProvider}. C6 is
 * one fixed group, so it takes no parameters; a family of groups (a lattice of some size, some number
 * of bodies) would take a parameters record instead of {@link NoParameters}.
 */
public final class C6SymmetryProvider implements SymmetryProvider<NoParameters> {

    private final C6Group group = new C6Group();

    @Override
    public String id() {
        return C6Group.ID;
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "C6: the six rotations of a regular hexagon";
    }

    @Override
    public Class<NoParameters> parametersType() {
        return NoParameters.class;
    }

    @Override
    public NoParameters defaultParameters() {
        return NoParameters.INSTANCE;
    }

    @Override
    public C6Group group(NoParameters parameters) {
        return group;
    }

    @Override
    public C6Group group() {
        return group;
    }
}
