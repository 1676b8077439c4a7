package org.epnsj.examples.so2;

import java.util.List;
import java.util.random.RandomGenerator;
import org.epnsj.api.group.Group;

/** The rotation group SO(2) of the plane. */
public final class So2Group implements Group<Rotation> {

    /** The group's id. */
    public static final String ID = "so2";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Rotation identity() {
        return new Rotation(0);
    }

    @Override
    public Rotation compose(Rotation a, Rotation b) {
        return new Rotation(a.angle() + b.angle());
    }

    @Override
    public Rotation inverse(Rotation g) {
        return new Rotation(-g.angle());
    }

    @Override
    public Rotation sample(RandomGenerator rng) {
        return new Rotation(rng.nextDouble() * 2 * Math.PI);
    }

    @Override
    public List<Rotation> testingElements() {
        return List.of(identity(), new Rotation(Math.PI / 2), new Rotation(Math.PI), new Rotation(3 * Math.PI / 2),
                new Rotation(0.3), new Rotation(2 * Math.PI - 1e-9));
    }

    @Override
    public double distance(Rotation a, Rotation b) {
        double d = Math.abs(a.angle() - b.angle()) % (2 * Math.PI);
        return Math.min(d, 2 * Math.PI - d);
    }
}
