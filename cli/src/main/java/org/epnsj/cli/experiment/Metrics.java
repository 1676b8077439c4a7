package org.epnsj.cli.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Flattens an evaluator's metrics into named numbers and curves, whatever the domain: a number is
 * itself; a short list of numbers is one number per element, named {@code name@step} when the
 * report gives the steps ({@code ksSteps}) and {@code name[i]} otherwise; a list of records with a
 * {@code step} is {@code name.field@step}; nested maps are {@code name.field}; longer lists of
 * numbers are curves over the rollout step, whose last value is also the number {@code name.last}.
 */
final class Metrics {

    /** Lists up to this length are per-step numbers; longer ones are curves. */
    private static final int MAX_POINTS = 5;

    private Metrics() {}

    /** The named numbers of a metrics map. */
    static Map<String, Double> scalars(Map<String, Object> metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        List<?> ksSteps = metrics.get("ksSteps") instanceof List<?> l ? l : null;
        for (Map.Entry<String, Object> e : metrics.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            if (number(v) != null) {
                out.put(key, number(v));
            } else if (v instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> inner : m.entrySet()) {
                    if (number(inner.getValue()) != null) {
                        out.put(key + "." + inner.getKey(), number(inner.getValue()));
                    }
                }
            } else if (v instanceof List<?> list && list.size() > MAX_POINTS && number(list.get(list.size() - 1)) != null) {
                out.put(key + ".last", number(list.get(list.size() - 1)));
            } else if (v instanceof List<?> list && !list.isEmpty() && list.size() <= MAX_POINTS
                    && !key.endsWith("Steps")) {
                for (int i = 0; i < list.size(); i++) {
                    Object item = list.get(i);
                    if (number(item) != null) {
                        boolean stepped = ksSteps != null && ksSteps.size() == list.size() && key.startsWith("ks");
                        String name = stepped ? key + "@" + step(ksSteps.get(i)) : key + "[" + i + "]";
                        out.put(name, number(item));
                    } else if (item instanceof Map<?, ?> record && record.get("step") instanceof Number step) {
                        for (Map.Entry<?, ?> f : record.entrySet()) {
                            if (!"step".equals(f.getKey()) && number(f.getValue()) != null) {
                                out.put(key + "." + f.getKey() + "@" + step(step), number(f.getValue()));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * A metric value as a number: numbers, and the strings JSON files hold for non-finite numbers
     * ({@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}), so that a run whose value is undefined
     * still has the name and keeps the table's row order; null for anything else.
     */
    private static Double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        return switch (o instanceof String s ? s : "") {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    /** The curves (long lists of numbers) of a metrics map; non-numbers become NaN. */
    static Map<String, double[]> curves(Map<String, Object> metrics) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : metrics.entrySet()) {
            if (e.getValue() instanceof List<?> list && list.size() > MAX_POINTS) {
                double[] c = new double[list.size()];
                for (int i = 0; i < c.length; i++) {
                    Double n = number(list.get(i));
                    c[i] = n == null ? Double.NaN : n;
                }
                out.put(e.getKey(), c);
            }
        }
        return out;
    }

    /** The names among {@code available} that the patterns select ({@code *} matches anything), in pattern order. */
    static List<String> select(List<String> patterns, Iterable<String> available) {
        List<String> out = new ArrayList<>();
        for (String p : patterns) {
            Pattern regex = Pattern.compile(java.util.Arrays.stream(p.split("\\*", -1)).map(Pattern::quote)
                    .reduce((a, b) -> a + ".*" + b).orElse(""));
            for (String name : available) {
                if (regex.matcher(name).matches() && !out.contains(name)) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    /** The base name and step of {@code name@step}, or null if the name has no step. */
    static String[] splitStep(String name) {
        int at = name.lastIndexOf('@');
        return at < 0 ? null : new String[] {name.substring(0, at), name.substring(at + 1)};
    }

    private static String step(Object o) {
        return o instanceof Number n ? Long.toString(Math.round(n.doubleValue())) : String.valueOf(o);
    }
}
