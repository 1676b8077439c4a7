package org.epnsj.symmetry.p4;

import org.epnsj.api.group.Group;
import org.epnsj.api.spi.SymmetryProvider;

/**
 * The p4 x S_labels plugin. The provider's group is the cellular {@code cpu} preset's (a 32 x 32
 * torus, 16 cell labels); domains build groups of other sizes with {@link P4Group}'s constructor.
 */
public final class P4SymmetryProvider implements SymmetryProvider {

    private final P4Group group = new P4Group(32, 16, false);

    @Override
    public String id() {
        return "p4";
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
    public Group<?> group() {
        return group;
    }
}
