package org.epnsj.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.epnsj.api.data.SplitSpec;
import org.epnsj.api.data.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetGeneratorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:47:29.5Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final RandomWalkDomain domain = new RandomWalkDomain();

    @Test
    void parallelRunsAreByteIdenticalToSerialRuns() throws IOException {
        DatasetManifest serial = DatasetGenerator.generate(domain, "tiny", 7, dir.resolve("a"), null, CLOCK, 1);
        DatasetManifest parallel = DatasetGenerator.generate(domain, "tiny", 7, dir.resolve("b"), null, CLOCK, 2);
        assertThat(parallel).isEqualTo(serial);
        Map<String, byte[]> a = contents(dir.resolve("a"));
        Map<String, byte[]> b = contents(dir.resolve("b"));
        assertThat(a.keySet()).containsExactlyElementsOf(b.keySet()).hasSize(5 + 2 + 4 + 1 + 1);
        a.forEach((name, bytes) -> assertThat(b.get(name)).as(name).isEqualTo(bytes));

        // The public entry point (system clock, own thread count) writes the same trajectories.
        DatasetGenerator.generate(domain, "tiny", 7, dir.resolve("c"), null);
        Map<String, byte[]> c = contents(dir.resolve("c"));
        c.forEach((name, bytes) -> {
            if (!name.equals(DatasetManifest.FILE_NAME)) {
                assertThat(a.get(name)).as(name).isEqualTo(bytes);
            }
        });
        // Another seed gives other data.
        DatasetGenerator.generate(domain, "tiny", 8, dir.resolve("d"), null, CLOCK, 2);
        assertThat(contents(dir.resolve("d")).get("train/000000.npy")).isNotEqualTo(a.get("train/000000.npy"));
    }

    @Test
    void trajectoriesFollowTheDocumentedSeeds() throws IOException {
        Path out = dir.resolve("data");
        DatasetGenerator.generate(domain, "tiny", 7, out, null, CLOCK, 2);
        SplittableRandom rng = new SplittableRandom(DatasetGenerator.streamSeed(7, "train", 3)); // index 2
        var sim = domain.simulator("tiny");
        Trajectory expected = sim.simulate(sim.initialState(rng), 4, rng);
        Trajectory actual = NpyTrajectoryCodec.timeMajor(2).read(out.resolve("train/000002.npy"));
        for (int t = 0; t < 4; t++) {
            assertThat(actual.frame(t)).isEqualTo(expected.frame(t));
        }
        assertThat(DatasetGenerator.streamSeed(7, "train", 1)).isNotEqualTo(DatasetGenerator.streamSeed(7, "val", 1))
                .isNotEqualTo(DatasetGenerator.streamSeed(8, "train", 1))
                .isNotEqualTo(DatasetGenerator.streamSeed(7, "train", 2));
    }

    @Test
    void sharedInitialSplitStartsEveryTrajectoryTogether() throws IOException {
        Path out = dir.resolve("data");
        DatasetGenerator.generate(domain, "tiny", 7, out, null, CLOCK, 2);
        List<Trajectory> same = DatasetFolder.open(out, domain.codec()).read("test_same_init");
        assertThat(same).hasSize(4);
        SplittableRandom splitRng = new SplittableRandom(DatasetGenerator.streamSeed(7, "test_same_init", 0));
        double[] x0 = domain.simulator("tiny").initialState(splitRng).data();
        for (Trajectory t : same) {
            // The fake simulator scribbles on its input: sharing must not leak between trajectories.
            assertThat(t.frame(0)).containsExactly((float) x0[0], (float) x0[1]);
        }
        assertThat(same.get(0).frame(1)).isNotEqualTo(same.get(1).frame(1));

        List<Trajectory> train = DatasetFolder.open(out, domain.codec()).read("train");
        assertThat(train.get(0).frame(0)).isNotEqualTo(train.get(1).frame(0));
    }

    @Test
    void manifestRecordsTheGenerationAndReadsBackEqual() throws IOException {
        Path out = dir.resolve("data");
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        DatasetManifest m = DatasetGenerator.generate(domain, "tiny", -3, out, progress::add, CLOCK, 2);
        assertThat(m.domainId()).isEqualTo("walk");
        assertThat(m.domainVersion()).isEqualTo("1.0");
        assertThat(m.preset()).isEqualTo("tiny");
        assertThat(m.seed()).isEqualTo(-3);
        assertThat(m.createdAt()).isEqualTo("2026-11-29T08:47:29Z");
        assertThat(m.splits().keySet()).containsExactly("train", "val", "test_same_init", "test_long", "empty");
        assertThat(m.splits().get("test_same_init")).isEqualTo(new SplitSpec(4, 5, true));
        // Normalised to what JSON reads back: integers as Long, in the simulator's order.
        assertThat(m.generatorParameters()).containsExactly(Map.entry("stepStd", 0.1), Map.entry("dimensions", 2L),
                Map.entry("boundary", "none"), Map.entry("scales", List.of(1L, 2.5)));

        String json = Files.readString(out.resolve("dataset.json"));
        assertThat(json).startsWith("{\n  \"format\": \"epnsj-dataset\",\n  \"formatVersion\": 1,\n")
                .contains("\"seed\": -3,").contains("\"sharedInitialState\": true");
        assertThat(DatasetFolder.open(out, domain.codec()).manifest()).contains(m);

        assertThat(progress).hasSize(12)
                .anyMatch(line -> line.startsWith("wrote train/000004.npy ("))
                .anyMatch(line -> line.startsWith("wrote test_long/000000.npy ("))
                .allMatch(line -> line.matches("wrote [a-z_]+/\\d{6}\\.npy \\(\\d+/12\\)"));
        assertThat(progress).anyMatch(line -> line.endsWith("(12/12)"));
    }

    @Test
    void theSameGenerationAgainIsANoOp() throws IOException {
        Path out = dir.resolve("data");
        DatasetManifest first = DatasetGenerator.generate(domain, "tiny", 7, out, null, CLOCK, 2);
        Map<String, byte[]> before = contents(out);
        List<String> progress = new ArrayList<>();
        Clock later = Clock.offset(CLOCK, java.time.Duration.ofDays(1));
        DatasetManifest again = DatasetGenerator.generate(domain, "tiny", 7, out, progress::add, later, 2);
        assertThat(again).isEqualTo(first);
        assertThat(progress).isEmpty();
        Map<String, byte[]> after = contents(out);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((name, bytes) -> assertThat(before.get(name)).isEqualTo(bytes));
    }

    @Test
    void refusesFoldersInTheWay() throws IOException {
        Path out = dir.resolve("data");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> DatasetGenerator.generate(domain, "tiny", 7, out, null, CLOCK, 2))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessage(out + ": the folder is not empty and has no dataset.json (an unfinished generation or"
                        + " other files); delete it or choose another folder");
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine");

        Path gen = dir.resolve("gen");
        DatasetGenerator.generate(domain, "tiny", 7, gen, null, CLOCK, 2);
        assertThatThrownBy(() -> DatasetGenerator.generate(domain, "tiny", 8, gen, null, CLOCK, 2))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("already holds a data set generated with other settings (domain walk 1.0, "
                        + "preset tiny, seed 7; asked for domain walk 1.0, preset tiny, seed 8)");
        domain.version = "2.0";
        assertThatThrownBy(() -> DatasetGenerator.generate(domain, "tiny", 7, gen, null, CLOCK, 2))
                .hasMessageContaining("other settings");
        domain.version = "1.0";

        Files.delete(gen.resolve("train/000003.npy"));
        assertThatThrownBy(() -> DatasetGenerator.generate(domain, "tiny", 7, gen, null, CLOCK, 2))
                .hasMessageContaining("holds this generation's dataset.json but split 'train' holds 4 entries,"
                        + " expected the 5 trajectory files");

        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> DatasetGenerator.generate(domain, "tiny", 7, file, null, CLOCK, 2))
                .hasMessageContaining("is a file, not a data folder");
    }

    @Test
    void failuresNameTheTrajectoryAndLeaveNoManifest() throws IOException {
        domain.failForFrames = 9; // the test_long split
        Path out = dir.resolve("data");
        assertThatThrownBy(() -> DatasetGenerator.generate(domain, "tiny", 7, out, null, CLOCK, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the simulator of domain 'walk' failed on test_long/000000.npy: cannot walk 9 steps");
        assertThat(out.resolve("dataset.json")).doesNotExist();
        domain.failForFrames = -1;
        assertThatThrownBy(() -> DatasetGenerator.generate(domain, "tiny", 7, out, null, CLOCK, 2))
                .hasMessageContaining("an unfinished generation");
    }

    @Test
    void unknownPresetListsTheKnownOnes() {
        assertThatThrownBy(() -> DatasetGenerator.generate(domain, "huge", 7, dir, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("domain 'walk' has no preset 'huge'; its presets are [tiny]");
    }

    @Test
    void oneSimulatorPerWorkerThread() throws IOException {
        DatasetGenerator.generate(domain, "tiny", 7, dir.resolve("data"), null, CLOCK, 2);
        assertThat(domain.simulatorsCreated.get()).isBetween(2, 3);
    }

    /** Every file under {@code root} by relative path. */
    static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
