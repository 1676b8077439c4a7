package org.epnsj.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.epnsj.cli.EpnsCommand;
import org.epnsj.harness.ExperimentResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkExperimentTest {

    @Test
    void eachRunOfASweepIsOneTaskAndTheResultsAreGatheredAsWithoutSpark(@TempDir Path root, @TempDir Path alone)
            throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EpnsCommand.execute(new PrintWriter(out), new PrintWriter(err), "experiment", "main-comparison",
                "--quick", "--domain", "nbody", "--seeds", "1", "--out", root.toString(), "--spark", "local[2]");

        assertThat(code).as(err.toString()).isZero();
        // Seed 1's three models: three tasks, each trains and evaluates; the gathering after them trains nothing.
        assertThat(out.toString()).contains("3 runs as tasks on Spark master local[2]")
                .contains("-epns-nall-e1-s1: finished").contains("-pns-gnn-nall-e1-s1: finished")
                .contains("-pns-mlp-nall-e1-s1: finished").doesNotContain("  training");
        ExperimentResults results = ExperimentResults.read(root.resolve("main-comparison-quick"));
        assertThat(results.studies()).hasSize(1);
        assertThat(results.studies().get(0).runs()).hasSize(6).allSatisfy(r -> {
            if (r.spec().seed() == 1) {
                assertThat(r.done()).as(r.spec().key()).isTrue();
                assertThat(r.metrics()).containsKey("testNegativeElbo");
            } else {
                assertThat(r.done()).isFalse();
            }
        });

        // Two runs trained in one JVM at once end exactly as each trained alone, on the default engine.
        assertThat(EpnsCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "experiment",
                "main-comparison", "--quick", "--domain", "nbody", "--seeds", "1", "--out", alone.toString()))
                .as(err.toString()).isZero();
        Map<String, Object> sequential = new TreeMap<>();
        ExperimentResults.read(alone.resolve("main-comparison-quick")).studies().get(0).runs().stream()
                .filter(r -> r.done()).forEach(r -> sequential.put(r.spec().key(), r.metrics().get("testNegativeElbo")));
        Map<String, Object> onSpark = new TreeMap<>();
        results.studies().get(0).runs().stream()
                .filter(r -> r.done()).forEach(r -> onSpark.put(r.spec().key(), r.metrics().get("testNegativeElbo")));
        assertThat(onSpark).hasSize(3).isEqualTo(sequential);
        assertThat(onSpark.values()).allSatisfy(v -> assertThat(v).isInstanceOf(Number.class));
    }
}
