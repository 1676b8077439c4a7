package org.epnsj.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.InvalidDataException;
import org.epnsj.api.data.SplitSpec;
import org.epnsj.api.data.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFolderTest {

    @TempDir
    Path dir;

    private final NpyTrajectoryCodec nbody = new NpyTrajectoryCodec(new long[] {-1, 7}, new int[] {2, 0, 1});

    /** A folder as the paper publishes it: split subfolders of (bodies, 7, T) files, no manifest. */
    private Path paperStyleFolder() throws IOException {
        Path root = dir.resolve("nbody");
        for (String split : List.of("test", "zeta", "train", "alpha", "test_long")) {
            Files.createDirectories(root.resolve(split));
        }
        for (String name : List.of("traj_2.npy", "traj_10.npy", "traj_1.npy")) {
            Npy.write(root.resolve("train").resolve(name), NpyArray.ofDoubles(new long[] {5, 7, 3}, new double[105]));
        }
        Npy.write(root.resolve("test/a.npy"), NpyArray.ofFloats(new long[] {5, 7, 4}, new float[140]));
        Files.writeString(root.resolve("train/README.txt"), "not data");
        Files.write(root.resolve("train/._traj_1.npy"), new byte[] {0}); // macOS metadata file
        Files.createDirectories(root.resolve(".cache"));
        Files.writeString(root.resolve("LICENSE"), "CC-BY");
        return root;
    }

    /** A file of another body count in a split is named, before a model meets it. */
    @Test
    void aFileWhoseFramesDifferFromTheSplitsIsNamed() throws IOException {
        Path root = paperStyleFolder();
        Path odd = root.resolve("train").resolve("traj_3.npy");
        Npy.write(odd, NpyArray.ofDoubles(new long[] {6, 7, 3}, new double[126]));
        assertThatThrownBy(() -> DatasetFolder.open(root, nbody).read("train")).isInstanceOf(InvalidDataException.class)
                .hasMessage(odd + ": has frames of shape [6, 7], the split's first file [5, 7]");
    }

    @Test
    void readsAFolderWithoutManifest() throws IOException {
        Path root = paperStyleFolder();
        DatasetFolder folder = DatasetFolder.open(root, nbody);
        assertThat(folder.root()).isEqualTo(root);
        assertThat(folder.manifest()).isEmpty();
        assertThat(folder.splits()).containsExactly("train", "test", "test_long", "alpha", "zeta");
        assertThat(folder.files("train")).extracting(p -> p.getFileName().toString())
                .containsExactly("traj_1.npy", "traj_10.npy", "traj_2.npy");
        List<Trajectory> train = folder.read("train");
        assertThat(train).hasSize(3).allSatisfy(t -> {
            assertThat(t.length()).isEqualTo(3);
            assertThat(t.frameShape()).containsExactly(5, 7);
        });
        assertThat(folder.read("test").get(0).length()).isEqualTo(4);
        assertThat(folder.read("zeta")).isEmpty();
    }

    @Test
    void missingFolderAndUnknownSplitAreNamed() throws IOException {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> DatasetFolder.open(missing, nbody)).isInstanceOf(FileNotFoundException.class)
                .hasMessage("data folder " + missing + " does not exist");
        Path root = paperStyleFolder();
        assertThatThrownBy(() -> DatasetFolder.open(root.resolve("LICENSE"), nbody))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("is a file, not a data folder");
        DatasetFolder folder = DatasetFolder.open(root, nbody);
        assertThatThrownBy(() -> folder.files("val")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data folder " + root + " has no split 'val'; it has [train, test, test_long, alpha, zeta]");
    }

    @Test
    void aBadFileIsNamed() throws IOException {
        Path root = paperStyleFolder();
        Path bad = root.resolve("train/traj_10.npy");
        Npy.write(bad, NpyArray.ofFloats(new long[] {5, 6, 3}, new float[90]));
        DatasetFolder folder = DatasetFolder.open(root, nbody);
        assertThatThrownBy(() -> folder.read("train")).isInstanceOf(InvalidDataException.class)
                .hasMessage(bad + ": expected an array of shape (*, 7, T), found (5, 6, 3)");
        Files.writeString(bad, "garbage");
        assertThatThrownBy(() -> folder.read("train")).hasMessageStartingWith(bad + ": not an .npy file");
    }

    @Test
    void manifestIsCheckedAgainstTheFolder() throws IOException {
        RandomWalkDomain domain = new RandomWalkDomain();
        Path out = dir.resolve("walk");
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        DatasetGenerator.generate(domain, "tiny", 1, out, null, clock, 1);
        DatasetFolder folder = DatasetFolder.open(out, domain.codec());
        assertThat(folder.splits()).containsExactly("train", "val", "test_same_init", "test_long", "empty");
        assertThat(folder.files("train")).extracting(p -> p.getFileName().toString())
                .containsExactly("000000.npy", "000001.npy", "000002.npy", "000003.npy", "000004.npy");
        assertThat(folder.read("test_long")).singleElement().satisfies(t -> assertThat(t.length()).isEqualTo(9));

        // A file of the wrong length for its split.
        Path wrong = out.resolve("val/000001.npy");
        domain.codec().write(wrong, NpyTrajectoryCodecTest.random(7, 2));
        assertThatThrownBy(() -> DatasetFolder.open(out, domain.codec()).read("val"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(wrong + ": has 7 frames; dataset.json says split 'val' has 3");

        Files.delete(wrong);
        assertThatThrownBy(() -> DatasetFolder.open(out, domain.codec())).isInstanceOf(InvalidDataException.class)
                .hasMessage(out.resolve("val") + ": dataset.json lists 2 trajectories in split 'val' but the"
                        + " folder holds 1 .npy files");
        Files.delete(out.resolve("val/000000.npy"));
        Files.delete(out.resolve("val"));
        assertThatThrownBy(() -> DatasetFolder.open(out, domain.codec()))
                .hasMessage(out.resolve("val") + ": dataset.json lists split 'val' but its folder is missing");
    }

    @Test
    void malformedManifestsAreNamed() throws IOException {
        Path root = dir.resolve("data");
        Files.createDirectories(root);
        Path json = root.resolve("dataset.json");
        Files.writeString(json, "{\"format\": \"epnsj-dataset\", ");
        assertThatThrownBy(() -> DatasetFolder.open(root, nbody)).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(json + ": malformed data-set manifest");
        Files.writeString(json, "{\"format\": \"epnsj-dataset\", \"formatVersion\": 1, \"domainId\": \"x\"}");
        assertThatThrownBy(() -> DatasetFolder.open(root, nbody))
                .hasMessage(json + ": malformed data-set manifest: missing string 'domainVersion'");
        Files.writeString(json, "{\"format\": \"epnsj-dataset\", \"formatVersion\": 9}");
        assertThatThrownBy(() -> DatasetFolder.open(root, nbody))
                .hasMessageContaining("format version 9 is newer than this EPNS-J reads (1)");
        Files.writeString(json, "{\"format\": \"epnsj-dataset\", \"formatVersion\": 1, \"domainId\": \"x\","
                + " \"domainVersion\": \"1\", \"preset\": \"p\", \"seed\": 1.5}");
        assertThatThrownBy(() -> DatasetFolder.open(root, nbody)).hasMessageContaining("missing integer 'seed'");
    }

    @Test
    void manifestValidatesItsFields() {
        Map<String, SplitSpec> splits = Map.of("train", new SplitSpec(1, 2, false));
        String now = "2026-01-02T03:04:05Z";
        assertThatThrownBy(() -> new DatasetManifest(" ", "1", "p", 0, Map.of(), splits, now))
                .hasMessage("domainId must not be blank, got ' '");
        assertThatThrownBy(() -> new DatasetManifest("d", "1", "p", 0, Map.of(), splits, "yesterday"))
                .hasMessage("createdAt must be an ISO-8601 date-time, got 'yesterday'");
        assertThatThrownBy(() -> new DatasetManifest("d", "1", "p", 0, Map.of("x", Double.NaN), splits, now))
                .hasMessageStartingWith("generator parameter 'x' = NaN cannot be stored as JSON");
        assertThatThrownBy(() -> new DatasetManifest("d", "1", "p", 0, Map.of(),
                Map.of("../x", new SplitSpec(1, 2, false)), now))
                .hasMessageContaining("split name '../x' is not a valid folder name");
    }
}
