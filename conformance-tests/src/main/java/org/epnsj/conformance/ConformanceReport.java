package org.epnsj.conformance;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The results of one run: every rule on every plugin, written as JSON (by default to
 * {@code target/conformance-report.json}, or to {@code -Depnsj.conformance.report=PATH}) with a
 * readable summary.
 */
public final class ConformanceReport {

    /** The system property that overrides the report path. */
    public static final String PATH_PROPERTY = "epnsj.conformance.report";

    private static final ConformanceReport RUN = new ConformanceReport();

    /**
     * One result.
     *
     * @param plugin the plugin (or fixture) id
     * @param report the rule's report
     */
    public record Entry(String plugin, CheckReport report) {

        /** Validates the fields. */
        public Entry {
            if (plugin == null || plugin.isBlank()) {
                throw new IllegalArgumentException("plugin must be a non-blank id, got " + plugin);
            }
            if (report == null) {
                throw new IllegalArgumentException("report must not be null (plugin " + plugin + ")");
            }
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** An empty report. */
    public ConformanceReport() {}

    /** Where this thread's results go instead of {@link #RUN}, while set. */
    private static final ThreadLocal<ConformanceReport> REDIRECTED = new ThreadLocal<>();

    /**
     * The report shared by all contracts of this JVM (one per test run); on a thread inside
     * {@link #recordingInto}, that call's report.
     */
    public static ConformanceReport forRun() {
        ConformanceReport r = REDIRECTED.get();
        return r != null ? r : RUN;
    }

    /**
     * Runs {@code work} with this thread's results recorded into {@code report}: the kit's own tests
     * run contracts on deliberately broken fixtures this way, keeping their failures out of the run's
     * report.
     */
    static void recordingInto(ConformanceReport report, Runnable work) {
        ConformanceReport previous = REDIRECTED.get();
        REDIRECTED.set(report);
        try {
            work.run();
        } finally {
            if (previous == null) {
                REDIRECTED.remove();
            } else {
                REDIRECTED.set(previous);
            }
        }
    }

    /** Adds a result. */
    public synchronized void add(String plugin, CheckReport report) {
        entries.add(new Entry(plugin, report));
    }

    /** A copy of the results so far. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * The JSON text: {@code {"results": [{rule, plugin, status, reason, maxError, tolerance, seed, ...}]}};
     * failures also carry {@code hint} and {@code likelyCauses}.
     */
    public synchronized String toJson() {
        JsonArray results = new JsonArray();
        for (Entry e : entries) {
            CheckReport r = e.report();
            JsonObject o = new JsonObject();
            o.addProperty("rule", r.rule());
            o.addProperty("plugin", e.plugin());
            o.addProperty("status", r.status().name());
            o.addProperty("reason", r.reason());
            o.addProperty("maxError", Double.isFinite(r.maxError()) ? r.maxError() : Double.MAX_VALUE);
            o.addProperty("tolerance", r.tolerance());
            o.addProperty("seed", r.seed());
            o.addProperty("trials", r.trials());
            o.addProperty("worstElement", r.worstElement());
            o.addProperty("worstInput", r.worstInput());
            if (r.status() == CheckStatus.FAIL) {
                o.addProperty("hint", r.hint());
                JsonArray causes = new JsonArray();
                r.likelyCauses().forEach(causes::add);
                o.add("likelyCauses", causes);
            }
            results.add(o);
        }
        JsonObject root = new JsonObject();
        root.add("results", results);
        return new GsonBuilder().setPrettyPrinting().create().toJson(root);
    }

    /** Counts by status and lists every failure and skip with its reason. */
    public synchronized String summary() {
        Map<CheckStatus, Integer> counts = new EnumMap<>(CheckStatus.class);
        StringBuilder details = new StringBuilder();
        for (Entry e : entries) {
            counts.merge(e.report().status(), 1, Integer::sum);
            if (!e.report().passed()) {
                details.append("\n  [").append(e.plugin()).append("] ").append(e.report().describe());
            }
        }
        // Worded so that it is not mistaken for a test runner's closing line.
        return "conformance rules so far: pass " + counts.getOrDefault(CheckStatus.PASS, 0) + ", fail "
                + counts.getOrDefault(CheckStatus.FAIL, 0) + ", skipped " + counts.getOrDefault(CheckStatus.SKIPPED, 0)
                + details;
    }

    /** Writes the JSON report to {@code path}, creating parent folders. */
    public void write(Path path) {
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.writeString(path, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the conformance report to " + path, e);
        }
    }

    /** The configured report path. */
    public static Path defaultPath() {
        return Path.of(System.getProperty(PATH_PROPERTY, "target/conformance-report.json"));
    }

    /** Writes the run's report to {@link #defaultPath()} and prints the summary. */
    public static void writeRunReport() {
        Path path = defaultPath();
        RUN.write(path);
        System.out.println(RUN.summary() + "\n  report: " + path.toAbsolutePath());
    }
}
