package org.example.epns.c6;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.SymmetryKind;

/** The cyclic group C6 of the six rotations of the plane that map a regular hexagon onto itself. */
public final class C6Group implements Group<Turn> {

    /** The group's id (and the symmetry plugin's). */
    public static final String ID = "c6";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Turn identity() {
        return new Turn(0);
    }

    @Override
    public Turn compose(Turn a, Turn b) {
        return Turn.of(a.k() + b.k());
    }

    @Override
    public Turn inverse(Turn g) {
        return Turn.of(-g.k());
    }

    @Override
    public Turn sample(RandomGenerator rng) {
        return new Turn(rng.nextInt(Turn.ORDER));
    }

    /** Every element: the group is small enough to check whole. */
    @Override
    public List<Turn> testingElements() {
        return elements();
    }

    @Override
    public double distance(Turn a, Turn b) {
        return a.equals(b) ? 0 : 1;
    }

    @Override
    public Set<SymmetryKind> kinds(Turn g) {
        return g.k() == 0 ? Set.of() : Set.of(SymmetryKind.ROTATIONS);
    }

    @Override
    public OptionalLong order() {
        return OptionalLong.of(Turn.ORDER);
    }

    @Override
    public List<Turn> elements() {
        return IntStream.range(0, Turn.ORDER).mapToObj(Turn::new).toList();
    }
}
