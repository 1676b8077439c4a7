package org.epnsj.cli;

import java.io.PrintWriter;
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
