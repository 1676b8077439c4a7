package org.epnsj.conformance;

import java.util.EnumSet;
import java.util.Set;
import org.epnsj.api.group.Group;

/**
 * Which symmetry capabilities a group element exercises ({@link Capability#TRANSLATIONS},
 * {@link Capability#PARITY}, {@link Capability#PERMUTATIONS}, {@link Capability#ROTATIONS}). A model
 * contract that does not declare one of them has the elements exercising it skipped, with a reason,
 * from the model rules: a model equivariant to rotations only is checked on rotations, and a
 * permutation-only baseline on permutations.
 *
 * @param <E> the group's element type
 */
@FunctionalInterface
public interface ElementTraits<E> {

    /** The capabilities {@code g} exercises; the identity exercises none. */
    Set<Capability> exercises(E g);

    /** Traits that say nothing: every element is checked. */
    static <E> ElementTraits<E> none() {
        return g -> Set.of();
    }

    /** The traits a group declares through {@link Group#kinds}. */
    static <E> ElementTraits<E> of(Group<E> group) {
        return g -> Capability.of(group.kinds(g));
    }

    /** The capabilities {@code g} exercises that {@code declared} lacks (empty: check it). */
    static <E> Set<Capability> missing(ElementTraits<E> traits, Set<Capability> declared, E g) {
        Set<Capability> missing = EnumSet.noneOf(Capability.class);
        missing.addAll(traits.exercises(g));
        missing.removeAll(declared);
        return missing;
    }
}
