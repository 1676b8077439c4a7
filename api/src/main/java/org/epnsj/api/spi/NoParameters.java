package org.epnsj.api.spi;

/** The parameters of a {@link SymmetryProvider} whose group has none (SO(2), a fixed finite group). */
public record NoParameters() {

    /** The only value needed. */
    public static final NoParameters INSTANCE = new NoParameters();
}
