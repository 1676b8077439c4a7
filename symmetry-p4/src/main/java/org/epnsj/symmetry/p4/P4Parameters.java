package org.epnsj.symmetry.p4;

/**
 * The parameters of a p4 x S_labels group: a square periodic lattice (a quarter turn maps only a
 * square torus onto itself) and the number of cell labels besides the medium.
 *
 * @param size the lattice side L, at least 1
 * @param labels the number of permuted cell labels 1..labels, at least 0
 */
public record P4Parameters(int size, int labels) {

    /** Validates the fields. */
    public P4Parameters {
        if (size < 1) {
            throw new IllegalArgumentException("size (the lattice side) must be >= 1, got " + size);
        }
        if (labels < 0) {
            throw new IllegalArgumentException("labels must be >= 0, got " + labels);
        }
    }
}
