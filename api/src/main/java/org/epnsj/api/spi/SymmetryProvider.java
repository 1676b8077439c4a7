package org.epnsj.api.spi;

import org.epnsj.api.group.Group;

/**
 * A symmetry-group plugin, found with {@link java.util.ServiceLoader} through a
 * {@code META-INF/services/org.epnsj.api.spi.SymmetryProvider} line.
 */
public interface SymmetryProvider {

    /** A unique, stable id such as {@code "so2"}. */
    String id();

    /** The plugin's version, recorded in run provenance. */
    String version();

    /** One line for listings. */
    String description();

    /** The group. */
    Group<?> group();
}
