package org.epnsj.api.group;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A symmetry group with immutable element values of type {@code E}.
 *
 * <p>Composition follows the left-action convention: {@code compose(a, b)} is the element that
 * acts as "first {@code b}, then {@code a}", so that for every {@link GroupAction}
 * {@code act(compose(a, b), x) == act(a, act(b, x))}.
 *
 * @param <E> the element type; implementations use records so elements are values
 */
public interface Group<E> {

    /** A stable identifier such as {@code "so2"} or {@code "e3xsn"}. */
    String id();

    /** The neutral element. */
    E identity();

    /** The element "first {@code b}, then {@code a}". */
    E compose(E a, E b);

    /** The inverse of {@code g}. */
    E inverse(E g);

    /**
     * A random element. Compact groups sample from the Haar measure; groups with a non-compact
     * part (translations) sample from a documented bounded distribution.
     */
    E sample(RandomGenerator rng);

    /**
     * Elements every check must try: the identity, the generators and edge cases (for example
     * rotations by pi, reflections, wrap-around translations).
     */
    List<E> testingElements();

    /**
     * A distance between elements that is zero exactly when they are equal; used to check the group
     * laws with a tolerance for continuous groups (finite groups return 0 or 1).
     */
    double distance(E a, E b);

    /**
     * The kinds of transformation {@code g} exercises (the identity exercises none). Groups that do
     * not say return an empty set, and every element then counts as exercising nothing special.
     */
    default Set<SymmetryKind> kinds(E g) {
        return Set.of();
    }

    /** The number of elements, if finite. */
    default OptionalLong order() {
        return OptionalLong.empty();
    }

    /**
     * All elements of a finite group, in a fixed order.
     *
     * @throws UnsupportedOperationException if the group is infinite
     */
    default List<E> elements() {
        throw new UnsupportedOperationException("group '" + id() + "' is infinite: no element list");
    }
}
