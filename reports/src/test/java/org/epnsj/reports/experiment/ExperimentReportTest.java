package org.epnsj.reports.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.metric.Range;
import org.epnsj.harness.ExperimentConfig;
import org.epnsj.harness.ExperimentResults;
import org.epnsj.harness.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment report from results and declarations alone: no runtime, no run folders. */
class ExperimentReportTest {

    /** A domain whose speed is in metres per second, better high, which no part of the report may call pixels. */
    private static final List<Metric> TOY = List.of(
            Metric.scalar("speed", "m/s", "mean speed of the particles").range(Range.NON_NEGATIVE).higherIsBetter(),
            Metric.scalar("testNegativeElbo", "nats per transition", "negative ELBO on the test split").lowerIsBetter(),
            Metric.steps("ksSteps", "the steps of the KS tests"),
            Metric.perStep("ksSpeedStatistic", "", "ksSteps", "KS statistic of the speed").range(Range.UNIT_INTERVAL)
                    .lowerIsBetter().figure("ks-speed"),
            Metric.curve("stableFraction", "fraction of runs", "fraction of rollouts stable at each step")
                    .range(Range.UNIT_INTERVAL).higherIsBetter().reference("dataStableFraction").figure("stability"),
            Metric.curve("dataStableFraction", "fraction of runs", "fraction of the data stable at each step")
                    .range(Range.UNIT_INTERVAL));

    private static Map<String, Object> metrics(double speed, double ks) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("speed", speed);
        m.put("testNegativeElbo", -3.0 + speed);
        m.put("ksSteps", List.of(5, 10));
        m.put("ksSpeedStatistic", List.of(ks, ks / 2));
        m.put("stableFraction", List.of(1.0, 1.0, 0.9, 0.8, 0.8, 0.7));
        m.put("dataStableFraction", List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.0));
        m.put("radius", 2.0);
        return m;
    }

    private static ExperimentResults.RunResult run(String arm, String model, Integer size, long seed, double speed,
            double ks) {
        RunSpec spec = new RunSpec("toy", "tiny", 1, model, null, size, seed, 1);
        return new ExperimentResults.RunResult(arm, spec, size == null ? 8 : size, "done", "/nonexistent/" + spec.key(),
                "/nonexistent/data", 1, 60, 0, metrics(speed, ks), "abc", "abc");
    }

    private static ExperimentResults results(List<String> figures, List<String> table) {
        ExperimentConfig.Study study = new ExperimentConfig.Study("toy", "tiny", 1, List.of(1L, 2L), List.of(4, 8),
                List.of(new ExperimentConfig.Arm("A", "a", null), new ExperimentConfig.Arm("B", "b", null)), table,
                figures);
        List<ExperimentResults.RunResult> runs = new ArrayList<>();
        for (long seed : List.of(1L, 2L)) {
            for (Integer size : List.of(4, 8)) {
                runs.add(run("A", "a", size, seed, 0.5 * seed + 0.01 * size, 0.3));
                runs.add(run("B", "b", size, seed, 0.7 * seed, 0.2));
            }
        }
        runs.add(new ExperimentResults.RunResult("B", new RunSpec("toy", "tiny", 1, "b", null, null, 3, 1), 8,
                "failed: out of disk", "/nonexistent/run", "/nonexistent/data", 0, 0, -1, null, null, null));
        ExperimentConfig config = new ExperimentConfig("toy-experiment", "Toy", "Does it report?", "none",
                List.of(study), null);
        return new ExperimentResults(config, false, List.of(new ExperimentResults.StudyResults(study, runs)),
                Map.of("gitCommit", "abc"), List.of("./epns experiment toy"));
    }

    @Test
    void aMetricIsLabelledWithItsDeclaredUnitAndDirectionWhateverItsName(@TempDir Path folder) throws IOException {
        new ExperimentReport(null, domain -> TOY).write(folder, results(List.of("data-efficiency", "ks-*", "stability"),
                List.of("speed", "ksSpeedStatistic@*", "stableFraction.last", "radius")));

        String md = Files.readString(folder.resolve(ExperimentReport.MARKDOWN));
        // Named "speed", declared in m/s: the old rule called anything with "speed" pixels per step.
        assertThat(md).doesNotContain("pixels")
                .contains("| speed | m/s | ≥ 0 | higher | mean speed of the particles |")
                .contains("speed [m/s] against the number of training trajectories (mean ± std over training seeds; "
                        + "higher is better)")
                .contains("| ksSpeedStatistic | – | [0, 1] | lower | KS statistic of the speed |")
                .contains("KS statistic of the speed against the rollout step (mean ± std over training seeds; lower "
                        + "is better)")
                .contains("Fraction of rollouts stable at each step (stableFraction: mean ± std over training seeds; "
                        + "ground truth: dataStableFraction; higher is better)")
                // Reported but not declared: still in the table, said to be undeclared.
                .contains("| radius | – | any | – | not declared by the evaluator |")
                .contains("| ksSpeedStatistic@10 |")
                .contains("1 planned run(s) are not finished: toy-tiny-d1-b-nall-e1-s3 (failed: out of disk)");
        for (String figure : List.of("toy-tiny-data-efficiency-speed.png", "toy-tiny-ks-speed.png",
                "toy-tiny-stability.png", "toy-tiny-data-efficiency-ksspeedstatistic-mean-over-steps.png")) {
            assertThat(ImageIO.read(folder.resolve("figures").resolve(figure).toFile())).as(figure).isNotNull();
        }
        assertThat(Files.readString(folder.resolve(ExperimentReport.HTML))).contains("data:image/png;base64,")
                .contains("<td>m/s</td>");
    }

    @Test
    void anEvaluatorThatDeclaresNothingIsReportedWithoutUnitsOrMetricFigures(@TempDir Path folder) throws IOException {
        new ExperimentReport(null, domain -> List.of()).write(folder, results(List.of("*", "ks-*", "data-efficiency"),
                List.of("speed", "ksSpeedStatistic*")));

        String md = Files.readString(folder.resolve(ExperimentReport.MARKDOWN));
        assertThat(md).contains("| speed | – | any | – | not declared by the evaluator |")
                // Undeclared, a short list is one number per element: the steps are not known.
                .contains("| ksSpeedStatistic[1] |")
                .contains("No figure 'ks-*': the evaluator of toy declares no metrics (or its plugin is not loaded).")
                // "*" is whatever the evaluator declares: nothing to say when that is nothing.
                .doesNotContain("No figure '*'")
                .contains("speed against the number of training trajectories (mean ± std over training seeds)");
        assertThat(folder.resolve("figures/toy-tiny-data-efficiency-speed.png")).exists();
        assertThat(folder.resolve("figures/toy-tiny-ks-speed.png")).doesNotExist();
    }

    @Test
    void theHeadlineTableHasOneColumnPerArmAndTheLargestSize() {
        List<List<String>> table = new ExperimentReport(null, domain -> TOY).headlineTable(
                results(List.of(), List.of("speed", "testNegativeElbo")));
        assertThat(table.get(0)).containsExactly("metric", "A", "B");
        assertThat(table.get(1).get(0)).isEqualTo("speed");
        // Arm A at size 8: 0.58 and 1.08 over the two seeds.
        assertThat(table.get(1).get(1)).isEqualTo("0.830 ± 0.35");
        assertThat(table).extracting(r -> r.get(0)).contains("testNegativeElbo", "finished seeds");
    }

    @Test
    void framesDrawnBeforeAreKeptWhenTheRunFoldersAreGone(@TempDir Path folder) throws IOException {
        Path figures = Files.createDirectories(folder.resolve("figures"));
        List<String> before = List.of("toy-tiny-frames.png", "toy-tiny-rollout-a.gif", "toy-tiny-ground-truth.gif",
                "toy-tiny-swarm-frames.png", "toy-tiny-swarm-rollout-a.gif", "toy-tiny-swarm-ground-truth.gif");
        for (String f : before) {
            Files.write(figures.resolve(f), new byte[] {1});
        }
        ExperimentResults r = results(List.of("cell-frames", "swarm-frames"), List.of("speed"));
        // Read back from a file, counts in the provenance are doubles.
        ExperimentResults read = new ExperimentResults(r.config(), false, r.studies(),
                Map.of("gitCommit", "abc", "processors", 2.0), r.commands());
        new ExperimentReport(null, domain -> TOY).write(folder, read);

        String md = Files.readString(folder.resolve(ExperimentReport.MARKDOWN));
        for (String f : before) {
            assertThat(md).contains("(figures/" + f + ")");
        }
        assertThat(md).contains("- processors: 2\n").doesNotContain("processors: 2.0");
    }
}
