package org.epnsj.conformance;

import java.util.EnumSet;
import java.util.Set;
import org.epnsj.api.group.SymmetryKind;

/**
 * What a subject under test can do. Rules that need a capability the subject lacks are skipped with
 * a reason naming it, never passed silently.
 */
public enum Capability {
    /** The group is finite: {@code order()} and {@code elements()} are available (closure is checked). */
    FINITE_GROUP,
    /** The model samples: a prior with a density (prior, density and rollout-distribution rules). */
    STOCHASTIC,
    /** The latent transforms with a non-trivial action that the contract supplies. */
    EQUIVARIANT_LATENT,
    /** The model has an approximate posterior (training-time component). */
    POSTERIOR,
    /** The model is equivariant to the group's translations (exact only on a torus or in free space). */
    TRANSLATIONS,
    /** The model is equivariant to improper elements (reflections, det -1). */
    PARITY,
    /** The model is equivariant to permutations of nodes or relabellings of cells. */
    PERMUTATIONS,
    /** The model is equivariant to the group's proper rotations. */
    ROTATIONS;

    /** The capability of a kind of symmetry. */
    public static Capability of(SymmetryKind kind) {
        return switch (kind) {
            case ROTATIONS -> ROTATIONS;
            case PARITY -> PARITY;
            case TRANSLATIONS -> TRANSLATIONS;
            case PERMUTATIONS -> PERMUTATIONS;
        };
    }

    /** The capabilities of several kinds. */
    public static Set<Capability> of(Set<SymmetryKind> kinds) {
        Set<Capability> out = EnumSet.noneOf(Capability.class);
        for (SymmetryKind k : kinds) {
            out.add(of(k));
        }
        return out;
    }
}
