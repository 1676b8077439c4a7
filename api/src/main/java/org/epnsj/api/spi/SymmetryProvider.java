package org.epnsj.api.spi;

import org.epnsj.api.group.Group;

/**
 * A symmetry-group plugin: a factory of groups from typed parameters (a lattice size and a label
 * count, a number of bodies), found with {@link java.util.ServiceLoader} through a
 * {@code META-INF/services/org.epnsj.api.spi.SymmetryProvider} line. A domain builds the group it
 * acts with through {@link #group(Object)} at its own parameters; listings and the conformance kit use
 * {@link #group()}, the group at {@link #defaultParameters()}.
 *
 * @param <P> the parameters, a record that validates its fields ({@link NoParameters} for a group
 *     that has none)
 */
public interface SymmetryProvider<P> {

    /** A unique, stable id such as {@code "so2"}; the id of every group it builds. */
    String id();

    /** The plugin's version, recorded in run provenance. */
    String version();

    /** One line for listings. */
    String description();

    /** The type of the parameters {@link #group(Object)} takes. */
    Class<P> parametersType();

    /** The parameters of the group that listings and the conformance kit use. */
    P defaultParameters();

    /**
     * The group at the given parameters.
     *
     * @throws IllegalArgumentException naming the field and value if the parameters do not describe a group
     */
    Group<?> group(P parameters);

    /** The group at {@link #defaultParameters()}. */
    default Group<?> group() {
        return group(defaultParameters());
    }
}
