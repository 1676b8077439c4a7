package org.epnsj.api.metric;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an evaluator's declared metrics against themselves and against what it reports. The runtime
 * runs {@link #check} on every evaluation; a plugin's tests can run it on a fake evaluation.
 *
 * <p>What is compared are the reported values' leaves: a top-level value is a leaf under its key,
 * except a map (its entries are leaves {@code key.field}) and a list of records (each record field but
 * {@code step} is a leaf {@code key.field}). An evaluator that declares nothing is not checked: its
 * metrics are reported as they are and drawn without units ({@link Metric#undeclared}).
 */
public final class MetricDeclarations {

    private MetricDeclarations() {}

    /**
     * Checks that the declarations fit together: names are unique, and every metric named as a
     * reference, band end or steps exists (a band end as a curve, steps as a steps metric).
     *
     * @param owner who declares them, for the message (e.g. "the evaluator of domain 'nbody'")
     * @throws IllegalArgumentException naming the metrics that do not fit
     */
    public static Map<String, Metric> validate(String owner, List<Metric> declared) {
        Map<String, Metric> byName = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Metric m : declared) {
            if (m == null) {
                problems.add("a declaration is null");
            } else if (byName.putIfAbsent(m.name(), m) != null) {
                problems.add("metric '" + m.name() + "' is declared twice");
            }
        }
        for (Metric m : byName.values()) {
            if (m.reference() != null && !byName.containsKey(m.reference())) {
                problems.add("metric '" + m.name() + "' names reference '" + m.reference() + "', which is not declared");
            }
            if (m.steps() != null && (byName.get(m.steps()) == null || byName.get(m.steps()).shape() != Shape.STEPS)) {
                problems.add("metric '" + m.name() + "' names steps '" + m.steps() + "', which is not a declared STEPS metric");
            }
            if (m.band() != null) {
                for (String end : List.of(m.band().lower(), m.band().upper())) {
                    if (byName.get(end) == null || byName.get(end).shape() != Shape.CURVE) {
                        problems.add("metric '" + m.name() + "' names band end '" + end
                                + "', which is not a declared CURVE metric");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(owner + ": " + String.join("; ", problems));
        }
        return byName;
    }

    /**
     * Checks that an evaluator reported exactly what it declares: every reported leaf is declared with a
     * shape its value has, and every declared metric that is not optional was reported. Nothing is
     * checked when nothing is declared.
     *
     * @param owner who reported them, for the message (e.g. "the evaluator of domain 'nbody'")
     * @throws IllegalStateException naming every metric that is reported but not declared, declared but
     *     not reported, or reported in another shape than declared
     */
    public static void check(String owner, List<Metric> declared, Map<String, Object> reported) {
        if (declared.isEmpty()) {
            return;
        }
        Map<String, Metric> byName;
        try {
            byName = validate(owner, declared);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        Map<String, Leaf> leaves = leaves(reported);
        List<String> problems = new ArrayList<>();
        Set<String> undeclared = new LinkedHashSet<>();
        for (Map.Entry<String, Leaf> e : leaves.entrySet()) {
            Metric m = find(byName.values(), e.getKey()).orElse(null);
            if (m == null) {
                undeclared.add(e.getKey());
            } else if (!e.getValue().fits(m)) {
                problems.add("metric '" + m.name() + "' is declared " + m.shape() + (m.steps() != null ? " (steps '"
                        + m.steps() + "')" : "") + " but reported as " + e.getValue().describe());
            }
        }
        if (!undeclared.isEmpty()) {
            problems.add(0, "reported " + quoted(undeclared) + ", not declared in its metrics()");
        }
        List<String> missing = byName.values().stream()
                .filter(m -> !m.optional() && leaves.keySet().stream().noneMatch(m::matches)).map(Metric::name).toList();
        if (!missing.isEmpty()) {
            problems.add("declares " + quoted(missing) + " but did not report " + (missing.size() == 1 ? "it" : "them")
                    + " (a metric reported only in some cases is declared asOptional())");
        }
        for (Metric m : byName.values()) {
            Leaf values = m.steps() == null ? null : leaves.get(m.name());
            Leaf steps = m.steps() == null ? null : leaves.get(m.steps());
            if (values != null && steps != null && values.kind == Kind.NUMBERS && steps.kind == Kind.NUMBERS
                    && values.size != steps.size) {
                problems.add("metric '" + m.name() + "' has " + values.size + " values but its steps '" + m.steps()
                        + "' has " + steps.size);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(owner + " " + String.join("; ", problems));
        }
    }

    /**
     * The declaration of a reported key: the metric of that name, or the family ({@link Metric#STEP})
     * it belongs to; empty if none.
     */
    public static Optional<Metric> find(Collection<Metric> declared, String key) {
        Metric family = null;
        for (Metric m : declared) {
            if (m.name().equals(key)) {
                return Optional.of(m);
            }
            if (family == null && m.isFamily() && m.matches(key)) {
                family = m;
            }
        }
        return Optional.ofNullable(family);
    }

    private static String quoted(Collection<String> names) {
        return (names.size() == 1 ? "metric '" : "metrics '") + String.join("', '", names) + "'";
    }

    /** What a reported value is. */
    private enum Kind { NUMBER, TEXT, NUMBERS, RECORD_FIELD, OTHER }

    /** A reported leaf: its kind and, for a list of numbers, its length. */
    private record Leaf(Kind kind, int size) {

        boolean fits(Metric m) {
            return switch (m.shape()) {
                case SCALAR -> kind == Kind.NUMBER;
                case TEXT -> kind == Kind.TEXT;
                case STEPS, CURVE -> kind == Kind.NUMBERS;
                case PER_STEP -> m.steps() == null ? kind == Kind.RECORD_FIELD : kind == Kind.NUMBERS;
            };
        }

        String describe() {
            return switch (kind) {
                case NUMBER -> "a number";
                case TEXT -> "text";
                case NUMBERS -> "a list of " + size + " numbers";
                case RECORD_FIELD -> "a field of per-step records";
                case OTHER -> "something else (not a number, text or a list of numbers)";
            };
        }
    }

    /** The leaves of an evaluator's map, by the names their declarations have. */
    private static Map<String, Leaf> leaves(Map<String, Object> reported) {
        Map<String, Leaf> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : reported.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?> fields) {
                fields.forEach((k, x) -> out.put(e.getKey() + "." + k, leaf(x)));
            } else if (v instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(x -> x instanceof Map<?, ?>)) {
                for (Object record : list) {
                    ((Map<?, ?>) record).keySet().stream().filter(k -> !"step".equals(k))
                            .forEach(k -> out.put(e.getKey() + "." + k, new Leaf(Kind.RECORD_FIELD, 0)));
                }
            } else {
                out.put(e.getKey(), leaf(v));
            }
        }
        return out;
    }

    private static Leaf leaf(Object v) {
        if (v instanceof Number || isNonFinite(v)) {
            return new Leaf(Kind.NUMBER, 1);
        }
        if (v instanceof String) {
            return new Leaf(Kind.TEXT, 1);
        }
        if (v instanceof List<?> list && list.stream().allMatch(x -> x instanceof Number || isNonFinite(x))) {
            return new Leaf(Kind.NUMBERS, list.size());
        }
        return new Leaf(Kind.OTHER, 0);
    }

    /** How JSON files hold non-finite numbers. */
    private static boolean isNonFinite(Object v) {
        return "NaN".equals(v) || "Infinity".equals(v) || "-Infinity".equals(v);
    }
}
