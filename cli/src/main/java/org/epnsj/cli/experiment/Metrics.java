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
            if (v instanceof Number n) {
                out.put(key, n.doubleValue());
            } else if (v instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> inner : m.entrySet()) {
                    if (inner.getValue() instanceof Number n) {
                        out.put(key + "." + inner.getKey(), n.doubleValue());
                    }
                }
            } else if (v instanceof List<?> list && list.size() > MAX_POINTS && list.get(list.size() - 1) instanceof Number n) {
                out.put(key + ".last", n.doubleValue());
            } else if (v instanceof List<?> list && !list.isEmpty() && list.size() <= MAX_POINTS
                    && !key.endsWith("Steps")) {
                for (int i = 0; i < list.size(); i++) {
                    Object item = list.get(i);
                    if (item instanceof Number n) {
                        boolean stepped = ksSteps != null && ksSteps.size() == list.size() && key.startsWith("ks");
                        String name = stepped ? key + "@" + step(ksSteps.get(i)) : key + "[" + i + "]";
                        out.put(name, n.doubleValue());
                    } else if (item instanceof Map<?, ?> record && record.get("step") instanceof Number step) {
                        for (Map.Entry<?, ?> f : record.entrySet()) {
                            if (!"step".equals(f.getKey()) && f.getValue() instanceof Number n) {
                                out.put(key + "." + f.getKey() + "@" + step(step), n.doubleValue());
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The curves (long lists of numbers) of a metrics map; non-numbers become NaN. */
    static Map<String, double[]> curves(Map<String, Object> metrics) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : metrics.entrySet()) {
            if (e.getValue() instanceof List<?> list && list.size() > MAX_POINTS) {
                double[] c = new double[list.size()];
                for (int i = 0; i < c.length; i++) {
                    c[i] = list.get(i) instanceof Number n ? n.doubleValue() : Double.NaN;
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
