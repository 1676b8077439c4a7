package org.epnsj.api.group;

/**
 * The kinds of transformation a group element can exercise. A model may claim equivariance to some
 * kinds only (a permutation-equivariant baseline that sees absolute coordinates), and checks then
 * use only the elements that exercise nothing else.
 */
public enum SymmetryKind {
    /** Proper rotations (det +1), including the p4 quarter turns. */
    ROTATIONS,
    /** Improper elements: reflections, the inversion (det -1). */
    PARITY,
    /** Translations (exact only in free space or on a torus). */
    TRANSLATIONS,
    /** Permutations of nodes or relabellings of cells. */
    PERMUTATIONS
}
