package org.epnsj.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Plain-text rendering of evaluation reports. */
final class Reports {

    private Reports() {}

    /** Prints the report's metrics as an aligned name/value table. */
    static void printMetrics(PrintWriter out, Map<String, Object> report) {
        out.printf("%s / %s (checkpoint of epoch %s)%n", report.get("domain"), report.get("model"),
                report.get("checkpointEpoch"));
        Object metrics = report.get("metrics");
        if (metrics instanceof Map<?, ?> m) {
            print(out, m, "  ");
        }
    }

    /** Longest list printed element by element in a comparison; longer ones (curves) stay in the JSON. */
    private static final int MAX_LIST = 5;

    /**
     * Prints the metrics of several runs side by side: one row per number (lists of up to
     * {@value #MAX_LIST} numbers one row per element), one column per model.
     */
    static void printComparison(PrintWriter out, Map<String, Map<String, Object>> reports) {
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> r : reports.entrySet()) {
            if (r.getValue().get("metrics") instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    if (e.getValue() instanceof Number n) {
                        rows.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(r.getKey(), n.doubleValue());
                    } else if (e.getValue() instanceof List<?> list && list.size() <= MAX_LIST
                            && list.stream().allMatch(v -> v instanceof Number)) {
                        for (int i = 0; i < list.size(); i++) {
                            rows.computeIfAbsent(key + "[" + i + "]", k -> new LinkedHashMap<>())
                                    .put(r.getKey(), ((Number) list.get(i)).doubleValue());
                        }
                    }
                }
            }
        }
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-40s", "metric"));
        for (String model : reports.keySet()) {
            header.append(String.format(Locale.ROOT, " %14s", model));
        }
        out.println(header);
        for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-40s", row.getKey()));
            for (String model : reports.keySet()) {
                Double v = row.getValue().get(model);
                line.append(v == null ? String.format(Locale.ROOT, " %14s", "-")
                        : String.format(Locale.ROOT, " %14.6g", v));
            }
            out.println(line);
        }
    }

    private static void print(PrintWriter out, Map<?, ?> m, String indent) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> inner) {
                out.println(indent + e.getKey() + ":");
                print(out, inner, indent + "  ");
            } else if (e.getValue() instanceof Number n) {
                out.printf(Locale.ROOT, "%s%-36s %12.6g%n", indent, e.getKey(), n.doubleValue());
            } else {
                out.printf("%s%-36s %12s%n", indent, e.getKey(), e.getValue());
            }
        }
    }
}
