package org.epnsj.examples.so2;

import org.epnsj.api.spi.NoParameters;
import org.epnsj.api.spi.SymmetryProvider;

/** The SO(2) plugin: one group, so it takes no parameters. */
public final class So2SymmetryProvider implements SymmetryProvider<NoParameters> {

    private final So2Group group = new So2Group();

    @Override
    public String id() {
        return So2Group.ID;
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public String description() {
        return "SO(2): rotations of the plane";
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
    public So2Group group(NoParameters parameters) {
        return group;
    }

    @Override
    public So2Group group() {
        return group;
    }
}
