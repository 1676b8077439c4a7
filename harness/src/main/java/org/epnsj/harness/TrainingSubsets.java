package org.epnsj.harness;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.runtime.io.AtomicFiles;
import org.epnsj.runtime.io.DatasetFolder;
import org.epnsj.runtime.io.DatasetManifest;
import org.epnsj.runtime.run.Json;

/** Data folders that train on the first trajectories of a full data set's training split, by links. */
final class TrainingSubsets {

    private TrainingSubsets() {}

    /**
     * A data folder whose {@code train} split holds the first {@code n} trajectories of {@code full}'s and
     * whose other splits are those of {@code full} (links, no copies); the manifest last, so a folder
     * without one is incomplete.
     */
    static void write(DomainProvider domain, Path full, int n, Path subset) throws IOException {
        DatasetFolder source = DatasetFolder.open(full, domain.codec());
        List<Path> train = source.files("train");
        if (n > train.size()) {
            throw new IllegalArgumentException("training-set size " + n + " exceeds the " + train.size()
                    + " training trajectories of " + full);
        }
        deleteTree(subset);
        Files.createDirectories(subset.resolve("train"));
        for (Path file : train.subList(0, n)) {
            Files.createSymbolicLink(subset.resolve("train").resolve(file.getFileName()), file.toAbsolutePath());
        }
        for (String split : source.splits()) {
            if (!split.equals("train")) {
                Files.createSymbolicLink(subset.resolve(split), full.resolve(split).toAbsolutePath());
            }
        }
        JsonObject manifest = JsonParser.parseString(Files.readString(full.resolve(DatasetManifest.FILE_NAME)))
                .getAsJsonObject();
        manifest.getAsJsonObject("splits").getAsJsonObject("train").addProperty("trajectories", n);
        byte[] bytes = Json.GSON.toJson(manifest).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(subset.resolve(DatasetManifest.FILE_NAME), o -> o.write(bytes));
    }

    /** Deletes a folder and everything in it (links, not what they point to); nothing if it is absent. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
