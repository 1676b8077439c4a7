package org.epnsj.reports.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.metric.Shape;

/**
 * A run's metrics as the tables and figures read them: named numbers, each with its declaration, and
 * curves. How a value is read follows its declaration ({@link Metric#shape()}): a {@code SCALAR} is
 * itself; a {@code PER_STEP} list is one number per step, {@code name@step} with the steps of its
 * {@code STEPS} metric; a {@code CURVE} is a curve whose last value is the number {@code name.last};
 * {@code STEPS} and {@code TEXT} are not numbers. Fields of a map are {@code name.field}; fields of a
 * list of records with a {@code step} are {@code name.field@step}.
 *
 * <p>A value its evaluator does not declare is read by its shape alone, and its declaration is
 * {@link Metric#undeclared}: a number is itself, a list of more than {@value #MAX_POINTS} numbers a
 * curve, a shorter one a number per element ({@code name[i]}).
 */
final class MetricValues {

    /** Undeclared lists up to this length are numbers per element; longer ones are curves. */
    static final int MAX_POINTS = 5;

    /**
     * One number of a run's metrics.
     *
     * @param name its name in tables ({@code ksKineticEnergyStatistic@24}, {@code stableFraction.last})
     * @param metric its declaration
     * @param step the rollout step of a per-step number, else null
     * @param value the number (NaN or infinite where the evaluator said so)
     */
    record Value(String name, Metric metric, Double step, double value) {}

    private MetricValues() {}

    /** The numbers of a run's metrics, in the evaluator's order. */
    static List<Value> scalars(Map<String, Object> metrics, Declarations declared) {
        List<Value> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : metrics.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            Metric m = declared.find(key).orElse(null);
            if (m != null && readAsDeclared(key, v, m, metrics, out)) {
                continue;
            }
            if (number(v) != null) {
                out.add(new Value(key, declared.orUndeclared(key, Shape.SCALAR), null, number(v)));
            } else if (v instanceof Map<?, ?> fields) {
                for (Map.Entry<?, ?> f : fields.entrySet()) {
                    String name = key + "." + f.getKey();
                    if (number(f.getValue()) != null) {
                        out.add(new Value(name, declared.orUndeclared(name, Shape.SCALAR), null, number(f.getValue())));
                    }
                }
            } else if (v instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?>) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> record && number(record.get("step")) != null) {
                        double step = number(record.get("step"));
                        for (Map.Entry<?, ?> f : record.entrySet()) {
                            String field = key + "." + f.getKey();
                            if (!"step".equals(f.getKey()) && number(f.getValue()) != null) {
                                out.add(new Value(field + "@" + stepText(step), declared.orUndeclared(field,
                                        Shape.PER_STEP), step, number(f.getValue())));
                            }
                        }
                    }
                }
            } else if (v instanceof List<?> list && list.size() > MAX_POINTS && number(list.get(list.size() - 1)) != null) {
                out.add(new Value(key + ".last", declared.orUndeclared(key, Shape.CURVE), null,
                        number(list.get(list.size() - 1))));
            } else if (v instanceof List<?> list && list.size() <= MAX_POINTS) {
                for (int i = 0; i < list.size(); i++) {
                    if (number(list.get(i)) != null) {
                        out.add(new Value(key + "[" + i + "]", declared.orUndeclared(key, Shape.SCALAR), null,
                                number(list.get(i))));
                    }
                }
            }
        }
        return out;
    }

    /** Reads a declared value; false if the value is not laid out as declared (it is then read by its shape). */
    private static boolean readAsDeclared(String key, Object v, Metric m, Map<String, Object> metrics, List<Value> out) {
        switch (m.shape()) {
            case SCALAR -> {
                if (number(v) == null) {
                    return false;
                }
                out.add(new Value(key, m, null, number(v)));
                return true;
            }
            case TEXT, STEPS -> {
                return true;
            }
            case CURVE -> {
                double[] c = curve(v);
                if (c == null) {
                    return false;
                }
                if (c.length > 0) {
                    out.add(new Value(key + ".last", m, null, c[c.length - 1]));
                }
                return true;
            }
            case PER_STEP -> {
                double[] values = curve(v);
                double[] steps = m.steps() == null ? null : curve(metrics.get(m.steps()));
                if (values == null || steps == null || steps.length != values.length) {
                    return false;
                }
                for (int i = 0; i < values.length; i++) {
                    out.add(new Value(key + "@" + stepText(steps[i]), m, steps[i], values[i]));
                }
                return true;
            }
            default -> throw new AssertionError(m.shape());
        }
    }

    /** The value as a curve: a list of numbers, non-numbers as NaN; null for anything else. */
    static double[] curve(Object v) {
        if (!(v instanceof List<?> list) || list.stream().anyMatch(x -> x instanceof Map<?, ?> || x instanceof List<?>)) {
            return null;
        }
        double[] c = new double[list.size()];
        for (int i = 0; i < c.length; i++) {
            Double n = number(list.get(i));
            c[i] = n == null ? Double.NaN : n;
        }
        return c;
    }

    /**
     * A metric value as a number: numbers, and the strings JSON files hold for non-finite numbers
     * ({@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}), so that a run whose value is undefined
     * still has the name and keeps the table's row order; null for anything else.
     */
    static Double number(Object o) {
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

    /** The names among {@code available} that the patterns select ({@code *} matches anything), in pattern order. */
    static List<String> select(List<String> patterns, Iterable<String> available) {
        List<String> out = new ArrayList<>();
        for (String p : patterns) {
            for (String name : available) {
                if (org.epnsj.harness.ExperimentConfig.matches(p, name) && !out.contains(name)) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    private static String stepText(double step) {
        return Long.toString(Math.round(step));
    }
}
