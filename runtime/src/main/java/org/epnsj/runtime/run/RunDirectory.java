package org.epnsj.runtime.run;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.epnsj.runtime.io.AtomicFiles;
import org.epnsj.runtime.io.OutputFolders;
import org.epnsj.runtime.training.EpochSummary;

/**
 * The layout of a run folder: {@code config.json}, {@code provenance.json},
 * {@code checkpoints/last.ckpt} and {@code checkpoints/best.ckpt}, {@code metrics.jsonl} and
 * {@code plots/}.
 */
public final class RunDirectory {

    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /** Creates the folder (and its {@code checkpoints/}) if needed. */
    public static RunDirectory create(Path root) throws IOException {
        OutputFolders.create(root);
        Files.createDirectories(root.resolve("checkpoints"));
        return new RunDirectory(root);
    }

    /**
     * Opens an existing run folder.
     *
     * @throws IOException if it does not exist or has no {@code config.json}
     */
    public static RunDirectory open(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("run folder " + root + " does not exist");
        }
        if (!Files.isRegularFile(root.resolve("config.json"))) {
            throw new IOException(root + " is not a run folder: it has no config.json");
        }
        return new RunDirectory(root);
    }

    /** The folder. */
    public Path root() {
        return root;
    }

    /** {@code config.json}. */
    public Path configFile() {
        return root.resolve("config.json");
    }

    /** {@code provenance.json}. */
    public Path provenanceFile() {
        return root.resolve("provenance.json");
    }

    /** The checkpoint written after every epoch. */
    public Path lastCheckpoint() {
        return root.resolve("checkpoints").resolve("last.ckpt");
    }

    /** The checkpoint of the epoch with the lowest validation negative ELBO. */
    public Path bestCheckpoint() {
        return root.resolve("checkpoints").resolve("best.ckpt");
    }

    /** {@code metrics.jsonl}: one JSON object per epoch. */
    public Path metricsFile() {
        return root.resolve("metrics.jsonl");
    }

    /** {@code plots/}, created on demand. */
    public Path plotsFolder() throws IOException {
        return Files.createDirectories(root.resolve("plots"));
    }

    /** Writes {@code config.json}. */
    public void writeConfig(RunConfig config) throws IOException {
        Json.write(configFile(), config);
    }

    /** Reads {@code config.json}. */
    public RunConfig readConfig() throws IOException {
        return Json.read(configFile(), RunConfig.class);
    }

    /** Appends one epoch's line to {@code metrics.jsonl}. */
    public void appendMetrics(EpochSummary summary) throws IOException {
        String line = Json.COMPACT.toJson(summary) + "\n";
        Files.writeString(metricsFile(), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /**
     * Reads {@code metrics.jsonl}, one summary per line in file order; empty when there is no file.
     * Lines written before a field existed load with it absent (null, or 0 for a number); a line cut
     * off by a crash is left out.
     */
    public List<EpochSummary> readMetrics() throws IOException {
        return readMetrics(metricsFile());
    }

    /** Reads a {@code metrics.jsonl} file as {@link #readMetrics()} does. */
    public static List<EpochSummary> readMetrics(Path file) throws IOException {
        List<EpochSummary> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            EpochSummary summary;
            try {
                summary = Json.COMPACT.fromJson(line, EpochSummary.class);
            } catch (RuntimeException malformed) {
                continue;
            }
            if (summary != null) {
                out.add(summary);
            }
        }
        return out;
    }

    /** Drops metric lines of epochs after {@code epoch} (they belong to work a resume redoes). */
    public void truncateMetricsAfter(int epoch) throws IOException {
        if (!Files.exists(metricsFile())) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(metricsFile(), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                if (o.get("epoch").getAsInt() <= epoch) {
                    kept.add(line);
                }
            } catch (RuntimeException malformed) {
                // A line cut off by a crash: drop it.
            }
        }
        String text = kept.isEmpty() ? "" : String.join("\n", kept) + "\n";
        AtomicFiles.write(metricsFile(), out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
