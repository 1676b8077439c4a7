package org.epnsj.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints the neural / CPM cost ratios of a {@link CellFrameCostBenchmark} JSON result ({@code -rf json}):
 * per model and engine, the time of one neural transition, the time of one CPM frame, and their
 * ratio (how many CPM frames one neural step costs).
 *
 * <p>Usage: {@code java -cp <benchmarks class path> org.epnsj.benchmarks.FrameCostReport jmh-frame-cost.json}
 */
public final class FrameCostReport {

    private FrameCostReport() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: FrameCostReport <jmh-result.json>");
            System.exit(2);
        }
        JsonArray results;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]))) {
            results = JsonParser.parseReader(in).getAsJsonArray();
        }
        Double cpmMs = null;
        for (JsonElement e : results) {
            JsonObject r = e.getAsJsonObject();
            if (r.get("benchmark").getAsString().endsWith(".cpmFrame")) {
                cpmMs = milliseconds(r);
                System.out.printf(Locale.ROOT, "CPM frame (%s): %.3f ms%n", param(r, "preset"), cpmMs);
            }
        }
        if (cpmMs == null) {
            throw new IllegalArgumentException(args[0] + " holds no cpmFrame result");
        }
        System.out.printf(Locale.ROOT, "%-16s %-8s %-7s %14s %14s%n", "model", "engine", "preset", "ms per step",
                "CPM frames");
        for (JsonElement e : results) {
            JsonObject r = e.getAsJsonObject();
            if (r.get("benchmark").getAsString().endsWith(".neuralTransition")) {
                double ms = milliseconds(r);
                System.out.printf(Locale.ROOT, "%-16s %-8s %-7s %14.1f %14.1f%n", param(r, "model"),
                        param(r, "engine"), param(r, "preset"), ms, ms / cpmMs);
            }
        }
    }

    private static String param(JsonObject result, String name) {
        JsonObject params = result.getAsJsonObject("params");
        return params != null && params.has(name) ? params.get(name).getAsString() : "-";
    }

    /** The primary score in milliseconds (per operation for avgt and ss modes). */
    private static double milliseconds(JsonObject result) {
        JsonObject metric = result.getAsJsonObject("primaryMetric");
        double score = metric.get("score").getAsDouble();
        String unit = metric.get("scoreUnit").getAsString();
        return switch (unit) {
            case "ms/op" -> score;
            case "s/op" -> score * 1e3;
            case "us/op" -> score / 1e3;
            case "ns/op" -> score / 1e6;
            default -> throw new IllegalArgumentException("unexpected unit " + unit);
        };
    }
}
