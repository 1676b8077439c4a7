package org.epnsj.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.io.DatasetFolder;
import org.epnsj.runtime.plugin.EpnsModule;
import org.epnsj.runtime.training.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunnerTest {

    @Test
    void trainsOnTheFirstTrajectoriesAndRecordsAFailingRunWithoutStopping(@TempDir Path root) throws Exception {
        EpnsRuntime runtime = Guice.createInjector(new EpnsModule()).getInstance(EpnsRuntime.class);
        StringWriter log = new StringWriter();
        ExperimentRunner runner = new ExperimentRunner(runtime,
                request -> runtime.train(request, new TrainingListener() {}, () -> false), new PrintWriter(log, true));
        ExperimentConfig.Study study = new ExperimentConfig.Study("nbody", "tiny", 1, List.of(1L), List.of(2),
                List.of(new ExperimentConfig.Arm("broken", "no-such-model", null),
                        new ExperimentConfig.Arm("MLP", "pns-mlp", null)),
                List.of("testNegativeElbo"), List.of("data-efficiency"));
        ExperimentConfig config = new ExperimentConfig("t", "test", "q", "b", List.of(study),
                new ExperimentConfig.Quick(null, 1, null, null));

        ExperimentResults results = runner.run(config, true, root, List.of("cmd"));

        List<ExperimentResults.RunResult> runs = results.studies().get(0).runs();
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).done()).isFalse();
        assertThat(runs.get(0).status()).startsWith("failed: ").contains("no model 'no-such-model'");
        assertThat(runs.get(1).done()).as(log.toString()).isTrue();
        assertThat(runs.get(1).trainTrajectories()).isEqualTo(2);
        // The subset folder holds the first two training trajectories and links the other splits.
        Path subset = Path.of(runs.get(1).dataFolder());
        assertThat(subset.getFileName().toString()).isEqualTo("nbody-tiny-d1-train2");
        var folder = DatasetFolder.open(subset, runtime.plugins().domain("nbody").codec());
        assertThat(folder.files("train")).hasSize(2);
        assertThat(folder.read("train")).hasSize(2);
        assertThat(folder.manifest().orElseThrow().splits().get("train").trajectories()).isEqualTo(2);
        assertThat(Files.isSymbolicLink(subset.resolve("test"))).isTrue();
        assertThat(folder.read("test")).hasSameSizeAs(
                DatasetFolder.open(root.resolve("data/nbody-tiny-d1"), runtime.plugins().domain("nbody").codec())
                        .read("test"));

        // The files name the runs, data and root relative to the experiment's folder; reading resolves them.
        String absoluteRoot = root.toAbsolutePath().normalize().toString();
        assertThat(Files.readString(root.resolve("t-quick/results.json"))).doesNotContain(absoluteRoot)
                .contains("\"runFolder\": \"../runs/nbody-tiny-d1-pns-mlp-n2-e1-s1\"")
                .contains("\"resultsRoot\": \"..\"");
        ExperimentResults read = ExperimentResults.read(root.resolve("t-quick"));
        assertThat(Path.of(read.studies().get(0).runs().get(1).runFolder()))
                .isEqualTo(Path.of(runs.get(1).runFolder()).toAbsolutePath().normalize());
    }

    @Test
    void everyStudyRunsItsFirstSeedBeforeAnySecondSeed() {
        EpnsRuntime runtime = Guice.createInjector(new EpnsModule()).getInstance(EpnsRuntime.class);
        ExperimentRunner runner = new ExperimentRunner(runtime, request -> {
            throw new AssertionError("nothing is trained");
        }, new PrintWriter(new StringWriter(), true));
        ExperimentConfig.Study nbody = new ExperimentConfig.Study("nbody", "tiny", 1, List.of(1L, 2L), List.of(2, 4),
                List.of(new ExperimentConfig.Arm("MLP", "pns-mlp", null)), List.of(), List.of());
        ExperimentConfig.Study cells = new ExperimentConfig.Study("cellular", "tiny", 1, List.of(1L, 2L), null,
                List.of(new ExperimentConfig.Arm("PNS", "pns", null)), List.of(), List.of());
        ExperimentConfig config = new ExperimentConfig("t", "test", "q", "b", List.of(nbody, cells), null);

        List<String> keys = runner.queue(config, null).stream().map(p -> p.spec().key()).toList();

        assertThat(keys).containsExactly("nbody-tiny-d1-pns-mlp-n2-s1", "nbody-tiny-d1-pns-mlp-nall-s1",
                "cellular-tiny-d1-pns-nall-s1", "nbody-tiny-d1-pns-mlp-n2-s2", "nbody-tiny-d1-pns-mlp-nall-s2",
                "cellular-tiny-d1-pns-nall-s2");
    }

    @Test
    void collectingTrainsAndGeneratesNothing(@TempDir Path root) throws Exception {
        EpnsRuntime runtime = Guice.createInjector(new EpnsModule()).getInstance(EpnsRuntime.class);
        ExperimentRunner runner = new ExperimentRunner(runtime, request -> {
            throw new AssertionError("collecting must not train");
        }, new PrintWriter(new StringWriter(), true)).collectOnly(true);
        ExperimentConfig config = ExperimentConfig.named("main-comparison").quickVariant();

        ExperimentResults results = runner.run(config, true, root, List.of("cmd"));

        assertThat(results.studies()).flatExtracting(ExperimentResults.StudyResults::runs)
                .hasSize(18).allSatisfy(r -> assertThat(r.status()).isEqualTo("not finished yet"));
        assertThat(root.resolve("data")).doesNotExist();
        assertThat(root.resolve("main-comparison-quick/results.json")).exists();
    }

    @Test
    void onlyTheChosenSeedsAreTrained(@TempDir Path root) throws Exception {
        EpnsRuntime runtime = Guice.createInjector(new EpnsModule()).getInstance(EpnsRuntime.class);
        List<Long> trained = new java.util.ArrayList<>();
        List<String> evaluated = new java.util.ArrayList<>();
        ExperimentRunner runner = new ExperimentRunner(runtime, request -> {
            trained.add(request.seed());
            return runtime.train(request, new TrainingListener() {}, () -> false);
        }, new PrintWriter(new StringWriter(), true)).trainSeeds(List.of(2L)).evaluator((run, data, seed) -> {
            evaluated.add(run.getFileName().toString());
            return runtime.evaluate(run, data, "best", seed);
        });
        ExperimentConfig.Study study = new ExperimentConfig.Study("nbody", "tiny", 1, List.of(1L, 2L), null,
                List.of(new ExperimentConfig.Arm("MLP", "pns-mlp", null)), List.of("testNegativeElbo"), List.of());
        ExperimentConfig config = new ExperimentConfig("t", "test", "q", "b", List.of(study),
                new ExperimentConfig.Quick(null, 1, null, null));

        List<ExperimentResults.RunResult> runs = runner.run(config, true, root, List.of("cmd")).studies().get(0).runs();

        assertThat(trained).containsExactly(2L);
        assertThat(evaluated).containsExactly("nbody-tiny-d1-pns-mlp-nall-e1-s2");
        assertThat(runs).extracting(ExperimentResults.RunResult::status).containsExactly("not finished yet", "done");
    }
}
