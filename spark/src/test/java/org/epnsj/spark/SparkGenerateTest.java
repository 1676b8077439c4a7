package org.epnsj.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.epnsj.cli.EpnsCommand;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.io.DatasetManifest;
import org.epnsj.runtime.plugin.EpnsModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SparkGenerateTest {

    private static final EpnsRuntime RUNTIME = Guice.createInjector(new EpnsModule()).getInstance(EpnsRuntime.class);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"nbody", "cellular"})
    void writesTheSameBytesAsThePlainCommand(String domain) throws IOException {
        Path plain = tmp.resolve("plain");
        Path spark = tmp.resolve("spark");
        DatasetManifest expected = RUNTIME.generate(domain, "tiny", 11, plain, f -> { });
        long[] last = new long[1];
        DatasetManifest m = new SparkJobs().generate("local[2]", domain, "tiny", 11, spark, n -> last[0] = n);

        List<Path> files = files(plain);
        assertThat(files(spark)).isEqualTo(files);
        for (Path f : files) {
            if (!f.toString().equals(DatasetManifest.FILE_NAME)) {
                assertThat(Files.mismatch(plain.resolve(f), spark.resolve(f))).as(f.toString()).isEqualTo(-1L);
            }
        }
        assertThat(m).usingRecursiveComparison().ignoringFields("createdAt").isEqualTo(expected);
        int total = m.splits().values().stream().mapToInt(s -> s.trajectories()).sum();
        assertThat(last[0]).isEqualTo(total);
    }

    @Test
    void trajectoriesAreGroupedIntoFourTasksPerTaskThread() {
        assertThat(SparkJobs.slices(130, 2)).isEqualTo(8);
        assertThat(SparkJobs.slices(130, 1)).isEqualTo(4);
        assertThat(SparkJobs.slices(3, 2)).as("never more tasks than trajectories").isEqualTo(3);
        assertThat(SparkJobs.slices(0, 2)).as("an empty plan still makes one (empty) task").isEqualTo(1);
        assertThat(SparkJobs.slices(130, 0)).isEqualTo(4);
    }

    @Test
    void groupsBalanceTheirFramesWhereContiguousSlicesWouldNot() {
        // The n-body cpu plan's shape: 120 trajectories of 1,001 frames, then 10 of 2,001 at the end.
        List<Integer> frames = new java.util.ArrayList<>();
        for (int i = 0; i < 130; i++) {
            frames.add(i < 120 ? 1001 : 2001);
        }
        List<List<Integer>> groups = SparkJobs.balancedGroups(frames, Integer::longValue, 8);
        assertThat(groups).hasSize(8);
        assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(130);
        long[] loads = groups.stream().mapToLong(g -> g.stream().mapToLong(Integer::longValue).sum()).toArray();
        long total = java.util.Arrays.stream(loads).sum();
        // Within one long trajectory of the mean; a contiguous last slice holding all ten would carry about 1.5x it.
        assertThat(java.util.Arrays.stream(loads).max().getAsLong() - total / 8).isLessThanOrEqualTo(2001);
        assertThat(SparkJobs.balancedGroups(List.<Integer>of(), Integer::longValue, 8)).hasSize(1)
                .first().asList().isEmpty();
        assertThat(SparkJobs.balancedGroups(List.of(5, 1), Integer::longValue, 8)).hasSize(2);
    }

    @Test
    void aTaskThatDiesMidWriteIsRetriedAndLeavesNoPartialFile() throws IOException {
        Path plain = tmp.resolve("plain");
        Path spark = tmp.resolve("spark");
        RUNTIME.generate(FlakyDomain.ID, "tiny", 3, plain, f -> { });
        FlakyDomain.failures.set(0);
        FlakyDomain.failuresLeft.set(1);
        // local[2,2]: two threads, a task may fail once (plain local[2] gives up on the first failure).
        new SparkJobs().generate("local[2,2]", FlakyDomain.ID, "tiny", 3, spark, n -> { });

        assertThat(FlakyDomain.failures.get()).as("the injected failure happened").isEqualTo(1);
        assertThat(files(spark)).as("no partial or temporary file").isEqualTo(files(plain));
        Path retried = Path.of("train", "000001.npy");
        assertThat(Files.mismatch(plain.resolve(retried), spark.resolve(retried))).isEqualTo(-1L);
    }

    @Test
    void aTaskThatKeepsFailingFailsTheCommandWithItsOwnMessage() {
        FlakyDomain.failuresLeft.set(Integer.MAX_VALUE);
        try {
            assertThatThrownBy(() -> new SparkJobs().generate("local[2]", FlakyDomain.ID, "tiny", 3,
                    tmp.resolve("out"), n -> { }))
                    .hasMessageStartingWith("generate failed on Spark: ")
                    .hasMessageContaining("injected failure while writing")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThat(tmp.resolve("out").resolve(DatasetManifest.FILE_NAME)).doesNotExist();
        } finally {
            FlakyDomain.failuresLeft.set(0);
        }
    }

    @Test
    void anUnreachableMasterIsOneLineOnTheCommandLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EpnsCommand.execute(new PrintWriter(out), new PrintWriter(err), "generate", "nbody", "--preset",
                "tiny", "--out", tmp.resolve("out").toString(), "--spark", "spark://127.0.0.1:1");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("epns: error: cannot reach the Spark master 'spark://127.0.0.1:1'")
                .hasLineCount(1);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
