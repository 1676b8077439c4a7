package org.epnsj.api.model;

import java.util.Objects;

/** Argument checks shared by the components' {@code of} factories. */
final class Components {

    private Components() {}

    static void require(Transformation transformation, Object computation) {
        Objects.requireNonNull(transformation, "transformation");
        Objects.requireNonNull(computation, "computation");
    }
}
