package org.epnsj.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.epnsj.api.group.Group;

/**
 * The group laws, checked with {@link Group#distance} on the testing elements and seeded samples
 * (exhaustively for finite groups of order at most {@link #EXHAUSTIVE_ORDER}).
 */
public final class GroupLawChecks {

    /** Finite groups up to this order are checked on all elements (associativity on all triples). */
    public static final int EXHAUSTIVE_ORDER = 64;

    /** Finite groups larger than this are not enumerated for the closure rule (it costs order^2). */
    public static final long MAX_CLOSURE_ORDER = 1024;

    private GroupLawChecks() {}

    /**
     * The elements a law is checked on: all elements of a small finite group, otherwise the testing
     * elements followed by {@code samples} draws seeded with {@code seed}.
     */
    public static <E> List<E> lawElements(Group<E> group, int samples, long seed) {
        if (group.order().isPresent() && group.order().getAsLong() <= EXHAUSTIVE_ORDER) {
            return group.elements();
        }
        List<E> out = new ArrayList<>(group.testingElements());
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < samples; i++) {
            out.add(group.sample(rng));
        }
        return out;
    }

    /** {@link Rule#REQUIRED_GROUP_IDENTITY} on {@code elements}. */
    public static <E> CheckReport identity(Group<E> group, List<E> elements, long seed) {
        Worst w = new Worst(Rule.REQUIRED_GROUP_IDENTITY, Tolerance.GROUP_LAWS.value(), seed);
        E e = group.identity();
        for (E g : elements) {
            w.add(Math.max(group.distance(group.compose(e, g), g), group.distance(group.compose(g, e), g)), g, "");
        }
        return w.report("compose with identity() moved an element (distance shown as error)");
    }

    /** {@link Rule#REQUIRED_GROUP_INVERSE} on {@code elements}. */
    public static <E> CheckReport inverse(Group<E> group, List<E> elements, long seed) {
        Worst w = new Worst(Rule.REQUIRED_GROUP_INVERSE, Tolerance.GROUP_LAWS.value(), seed);
        E e = group.identity();
        for (E g : elements) {
            E inv = group.inverse(g);
            w.add(Math.max(group.distance(group.compose(g, inv), e), group.distance(group.compose(inv, g), e)), g, "");
        }
        return w.report("g composed with inverse(g) is not the identity");
    }

    /**
     * {@link Rule#REQUIRED_GROUP_ASSOCIATIVITY} on all triples of {@code elements} when there are at
     * most 64 of them, otherwise on all triples of the first 8 and {@code extraTriples} seeded random
     * triples.
     */
    public static <E> CheckReport associativity(Group<E> group, List<E> elements, int extraTriples, long seed) {
        Worst w = new Worst(Rule.REQUIRED_GROUP_ASSOCIATIVITY, Tolerance.GROUP_LAWS.value(), seed);
        List<E> core = elements.size() <= EXHAUSTIVE_ORDER ? elements : elements.subList(0, 8);
        for (E a : core) {
            for (E b : core) {
                for (E c : core) {
                    associative(group, w, a, b, c);
                }
            }
        }
        if (elements.size() > EXHAUSTIVE_ORDER) {
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = 0; i < extraTriples; i++) {
                associative(group, w, elements.get(rng.nextInt(elements.size())), elements.get(rng.nextInt(elements.size())),
                        elements.get(rng.nextInt(elements.size())));
            }
        }
        return w.report("a(bc) differs from (ab)c");
    }

    private static <E> void associative(Group<E> group, Worst w, E a, E b, E c) {
        E left = group.compose(a, group.compose(b, c));
        E right = group.compose(group.compose(a, b), c);
        w.add(group.distance(left, right), "a=" + a + ", b=" + b + ", c=" + c, "");
    }

    /** {@link Rule#REQUIRED_GROUP_DISTANCE}: zero on equal elements and symmetric, on {@code elements}. */
    public static <E> CheckReport distance(Group<E> group, List<E> elements, long seed) {
        Worst w = new Worst(Rule.REQUIRED_GROUP_DISTANCE, Tolerance.GROUP_LAWS.value(), seed);
        for (int i = 0; i < elements.size(); i++) {
            E a = elements.get(i);
            E b = elements.get((i + 1) % elements.size());
            double d = group.distance(a, a);
            double asym = Math.abs(group.distance(a, b) - group.distance(b, a));
            w.add(d < 0 ? Double.POSITIVE_INFINITY : Math.max(d, asym), "a=" + a + ", b=" + b, "");
        }
        return w.report("distance(g, g) != 0 or distance is not symmetric");
    }

    /**
     * {@link Rule#REQUIRED_GROUP_CLOSURE} for a finite group: {@code elements()} has {@code order()}
     * pairwise distinct members, contains the identity and every testing element, and is closed under
     * compose and inverse. Skipped for infinite groups and for groups of more than
     * {@link #MAX_CLOSURE_ORDER} elements.
     */
    public static <E> CheckReport closure(Group<E> group, long seed) {
        String rule = Rule.REQUIRED_GROUP_CLOSURE.id();
        if (group.order().isEmpty()) {
            return CheckReport.skipped(rule, "group '" + group.id() + "' is infinite (order() is empty)", seed);
        }
        if (group.order().getAsLong() > MAX_CLOSURE_ORDER) {
            return CheckReport.skipped(rule, "group '" + group.id() + "' has " + group.order().getAsLong()
                    + " elements, more than the " + MAX_CLOSURE_ORDER + " that are enumerated; check a small instance of it",
                    seed);
        }
        List<E> all = group.elements();
        Worst w = new Worst(Rule.REQUIRED_GROUP_CLOSURE, 0.5, seed);
        w.add(all.size() == group.order().getAsLong() ? 0 : 1,
                "elements().size()=" + all.size() + " vs order()=" + group.order().getAsLong(), "");
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                w.add(group.distance(all.get(i), all.get(j)) > 0 ? 0 : 1, "duplicate " + all.get(i) + " = " + all.get(j), "");
            }
        }
        List<E> required = new ArrayList<>(group.testingElements());
        required.add(group.identity());
        for (E g : required) {
            w.add(contains(group, all, g) ? 0 : 1, "missing " + g, "");
        }
        for (E a : all) {
            w.add(contains(group, all, group.inverse(a)) ? 0 : 1, "inverse of " + a, "");
            for (E b : all) {
                w.add(contains(group, all, group.compose(a, b)) ? 0 : 1, "compose(" + a + ", " + b + ")", "");
            }
        }
        return w.report("elements() is not a group of order() distinct members containing the testing elements");
    }

    private static <E> boolean contains(Group<E> group, List<E> all, E g) {
        for (E h : all) {
            if (group.distance(g, h) <= Tolerance.GROUP_LAWS.value()) {
                return true;
            }
        }
        return false;
    }
}
