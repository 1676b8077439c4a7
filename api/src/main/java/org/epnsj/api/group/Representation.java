package org.epnsj.api.group;

/**
 * A linear action on vectors of a fixed dimension, given by a matrix per element. Feature fields
 * (latents, per-node vectors) declare how they transform with a representation.
 *
 * @param <E> the group's element type
 */
public interface Representation<E> {

    /** The group that acts. */
    Group<E> group();

    /** The dimension of the vector space. */
    int dimension();

    /** The matrix of {@code g}, row-major, {@code dimension() x dimension()}. */
    double[][] matrix(E g);

    /** Whether every element acts as the identity (an invariant quantity). */
    default boolean isTrivial() {
        return false;
    }
}
