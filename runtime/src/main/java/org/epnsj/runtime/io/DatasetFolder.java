package org.epnsj.runtime.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.epnsj.api.data.InvalidDataException;
import org.epnsj.api.data.SplitSpec;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.data.TrajectoryCodec;

/**
 * A data set on disk: a folder with one subfolder per split ({@code train/}, {@code val/}, ...)
 * holding one trajectory file per trajectory, and optionally a {@code dataset.json}
 * ({@link DatasetManifest}). Without a manifest any such folder works, e.g. the paper's published
 * data as it is.
 */
public final class DatasetFolder {

    /** The standard split names, in the order {@link #splits()} lists them. */
    public static final List<String> STANDARD_SPLITS = List.of("train", "val", "test", "test_same_init", "test_long");

    private final Path root;
    private final TrajectoryCodec codec;
    private final DatasetManifest manifest;

    private DatasetFolder(Path root, TrajectoryCodec codec, DatasetManifest manifest) {
        this.root = root;
        this.codec = codec;
        this.manifest = manifest;
    }

    /**
     * Opens a data folder. If it has a {@code dataset.json}, checks that every split it lists has
     * a folder with as many trajectory files as it says.
     *
     * @param root the data folder
     * @param codec reads the trajectory files; only files with its extension count
     * @throws FileNotFoundException if {@code root} does not exist
     * @throws InvalidDataException if {@code root} is not a folder, the manifest is malformed or
     *     does not match the folder
     */
    public static DatasetFolder open(Path root, TrajectoryCodec codec) throws IOException {
        Objects.requireNonNull(codec, "codec");
        if (!Files.exists(root)) {
            throw new FileNotFoundException("data folder " + root + " does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new InvalidDataException(root, "is a file, not a data folder");
        }
        Path manifestFile = root.resolve(DatasetManifest.FILE_NAME);
        DatasetManifest manifest = Files.exists(manifestFile) ? DatasetManifest.read(manifestFile) : null;
        DatasetFolder folder = new DatasetFolder(root, codec, manifest);
        if (manifest != null) {
            List<String> present = folder.splits();
            for (Map.Entry<String, SplitSpec> e : manifest.splits().entrySet()) {
                Path dir = root.resolve(e.getKey());
                if (!present.contains(e.getKey())) {
                    throw new InvalidDataException(dir, DatasetManifest.FILE_NAME + " lists split '" + e.getKey()
                            + "' but its folder is missing");
                }
                int found = folder.files(e.getKey()).size();
                if (found != e.getValue().trajectories()) {
                    throw new InvalidDataException(dir, DatasetManifest.FILE_NAME + " lists "
                            + e.getValue().trajectories() + " trajectories in split '" + e.getKey()
                            + "' but the folder holds " + found + " " + codec.fileExtension() + " files");
                }
            }
        }
        return folder;
    }

    /** The data folder. */
    public Path root() {
        return root;
    }

    /** The manifest, if the folder has a {@code dataset.json}. */
    public Optional<DatasetManifest> manifest() {
        return Optional.ofNullable(manifest);
    }

    /**
     * The splits: the subfolders that exist, standard ones first in the order of
     * {@link #STANDARD_SPLITS}, then the others sorted by name. Hidden folders are skipped.
     */
    public List<String> splits() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).forEach(names::add);
        }
        names.sort(Comparator.comparingInt((String n) -> {
            int i = STANDARD_SPLITS.indexOf(n);
            return i < 0 ? STANDARD_SPLITS.size() : i;
        }).thenComparing(Comparator.naturalOrder()));
        return names;
    }

    /**
     * The trajectory files of a split, sorted by file name. Hidden files (such as leftovers of an
     * interrupted write) and files with other extensions are skipped.
     *
     * @throws IllegalArgumentException listing the existing splits if {@code split} is not one
     */
    public List<Path> files(String split) throws IOException {
        List<String> splits = splits();
        if (!splits.contains(split)) {
            throw new IllegalArgumentException("data folder " + root + " has no split '" + split
                    + "'; it has " + splits);
        }
        try (Stream<Path> s = Files.list(root.resolve(split))) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return !n.startsWith(".") && n.endsWith(codec.fileExtension()) && Files.isRegularFile(p);
            }).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    /**
     * Reads every trajectory of a split, in the order of {@link #files(String)}.
     *
     * @throws InvalidDataException naming the file that cannot be read, whose length differs from
     *     the manifest's, or whose frame shape differs from the split's first file
     * @throws IllegalArgumentException if there is no such split
     */
    public List<Trajectory> read(String split) throws IOException {
        SplitSpec spec = manifest == null ? null : manifest.splits().get(split);
        List<Trajectory> out = new ArrayList<>();
        for (Path file : files(split)) {
            Trajectory t;
            try {
                t = codec.read(file);
            } catch (RuntimeException e) {
                // A domain codec's unchecked failure would otherwise not say which file it was.
                throw new InvalidDataException(file, "cannot be read: " + e.getMessage(), e);
            }
            if (spec != null && t.length() != spec.frames()) {
                throw new InvalidDataException(file, "has " + t.length() + " frames; "
                        + DatasetManifest.FILE_NAME + " says split '" + split + "' has " + spec.frames());
            }
            if (!out.isEmpty() && !Arrays.equals(t.frameShape(), out.get(0).frameShape())) {
                // Models are built for one frame shape; a stray file would fail deep inside the engine.
                throw new InvalidDataException(file, "has frames of shape " + Arrays.toString(t.frameShape())
                        + ", the split's first file " + Arrays.toString(out.get(0).frameShape()));
            }
            out.add(t);
        }
        return out;
    }

    @Override
    public String toString() {
        return "DatasetFolder[" + root + "]";
    }
}
