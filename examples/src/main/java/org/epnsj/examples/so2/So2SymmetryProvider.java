package org.epnsj.examples.so2;

import org.epnsj.api.group.Group;
import org.epnsj.api.spi.SymmetryProvider;

/** The SO(2) plugin. */
public final class So2SymmetryProvider implements SymmetryProvider {

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
    public Group<?> group() {
        return group;
    }
}
