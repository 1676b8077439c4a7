package org.epnsj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.epnsj.harness.ExperimentResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment harness end to end on its quick variant: the same code path as the full runs. */
class ExperimentCommandTest {

    @Test
    void quickMainComparisonRunsResumesAndReports(@TempDir Path root) throws Exception {
        EpnsCommandTest.Result first = EpnsCommandTest.run("experiment", "main-comparison", "--quick", "--out",
                root.toString());
        assertThat(first.code()).as(first.err()).isZero();
        Path folder = root.resolve("main-comparison-quick");
        ExperimentResults results = ExperimentResults.read(folder);
        assertThat(results.quick()).isTrue();
        assertThat(results.studies()).extracting(s -> s.study().domain()).containsExactly("nbody", "cellular", "flocking");
        // 2 seeds x the domain's models (3 each), all trained for one epoch and evaluated.
        for (ExperimentResults.StudyResults s : results.studies()) {
            assertThat(s.runs()).hasSize(2 * s.study().arms().size()).allSatisfy(r -> {
                assertThat(r.done()).as(r.spec().key()).isTrue();
                assertThat(r.epochs()).isEqualTo(1);
                assertThat(r.metrics()).containsKey("testNegativeElbo");
                assertThat(r.trainedAt()).isEqualTo(r.evaluatedAt()).isNotBlank();
            });
        }
        assertThat(results.provenance()).containsKeys("gitCommit", "engine", "started", "finished");
        // --out is recorded relative to the working directory: nothing of this machine in the files.
        String out = Path.of("").toAbsolutePath().relativize(root.toAbsolutePath()).toString();
        assertThat(results.commands()).containsExactly("./epns experiment main-comparison --out " + out
                + " --quick");
        assertThat(Files.readString(folder.resolve("results.json"))).doesNotContain("\"" + root.toAbsolutePath());

        String md = Files.readString(folder.resolve("results.md"));
        assertThat(md).contains("| metric (mean ± std over seeds) | EPNS | PNS-GNN | PNS-MLP |")
                .contains("ksKineticEnergyStatistic@").contains("clusterKs.statistic@").contains(" ± ")
                .contains("| netDisplacementModel10 |").contains("| msdData11 |")
                .contains("ksPolarisationStatistic@").contains("| dataStableFractionFinal |");
        List<String> figures;
        try (Stream<Path> s = Files.list(folder.resolve("figures"))) {
            figures = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(figures).contains("nbody-tiny-stability.png", "nbody-tiny-energy-epns.png",
                "nbody-tiny-ks-kskineticenergystatistic.png", "cellular-tiny-frames.png",
                "cellular-tiny-stability.png", "cellular-tiny-msd.png", "cellular-tiny-ks-clusterks-statistic.png",
                "cellular-tiny-rollout-epns-p4.gif", "cellular-tiny-ground-truth.gif",
                // Training diagnostics: per arm, and across arms.
                "nbody-tiny-training-epns.png", "nbody-tiny-active-units.png",
                "nbody-tiny-one-step-relativermserror.png", "cellular-tiny-training-epns-p4.png",
                "cellular-tiny-active-units.png", "cellular-tiny-one-step-siteaccuracy.png",
                "cellular-tiny-one-step-motionaccuracy.png",
                "flocking-tiny-ks-kspolarisationstatistic.png", "flocking-tiny-stability.png",
                "flocking-tiny-training-epns.png", "flocking-tiny-polarisation-epns.png",
                // Swarm snapshots of the ground truth and the kept rollouts, and their GIFs.
                "flocking-tiny-swarm-frames.png", "flocking-tiny-swarm-ground-truth.gif",
                "flocking-tiny-swarm-rollout-epns.gif");
        for (String f : figures) {
            assertThat(ImageIO.read(folder.resolve("figures").resolve(f).toFile())).as(f).isNotNull();
        }
        String html = Files.readString(folder.resolve("report.html"));
        assertThat(html).contains("data:image/png;base64,").contains("data:image/gif;base64,")
                .contains("./epns experiment main-comparison").contains("runs trained at")
                .doesNotContain("src=\"http");

        // A second invocation trains nothing: every run is reused.
        EpnsCommandTest.Result again = EpnsCommandTest.run("experiment", "main-comparison", "--quick", "--out",
                root.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).doesNotContain("  training").contains("done before");

        // A finished run whose checkpoint no longer fits the model its configuration builds (a preset's
        // sizes changed) is not reused: it is reported as not done, with the reason.
        Path run = root.resolve("runs").resolve(results.studies().get(1).runs().get(0).spec().key());
        Path best = run.resolve("checkpoints").resolve("best.ckpt");
        var contents = org.epnsj.runtime.io.TensorArchive.read(best);
        List<org.epnsj.runtime.io.NamedTensor> tensors = new java.util.ArrayList<>(contents.tensors().values());
        var resized = tensors.get(0);
        long[] wider = resized.shape().clone();
        wider[0]++;
        tensors.set(0, org.epnsj.runtime.io.NamedTensor.ofDoubles(resized.name(), wider,
                new double[Math.toIntExact(java.util.Arrays.stream(wider).reduce(1, (a, b) -> a * b))]));
        org.epnsj.runtime.io.TensorArchive.write(best, contents.metadata(), tensors);
        EpnsCommandTest.Result stale = EpnsCommandTest.run("experiment", "main-comparison", "--quick", "--collect",
                "--out", root.toString());
        assertThat(stale.code()).as(stale.err()).isZero();
        assertThat(stale.out()).contains("not reused: ").contains("different model configuration")
                .contains("move the run folder away");
        ExperimentResults.RunResult staleRun = ExperimentResults.read(folder).studies().get(1).runs().get(0);
        assertThat(staleRun.done()).isFalse();
        assertThat(staleRun.status()).isEqualTo("trained with another model configuration");

        // Runs started with other training settings than the preset's (its learning rate changed since) are
        // neither reused when finished nor resumed when not.
        Path finished = root.resolve("runs").resolve(results.studies().get(0).runs().get(0).spec().key());
        Path unfinished = root.resolve("runs").resolve(results.studies().get(0).runs().get(1).spec().key());
        for (Path r : List.of(finished, unfinished)) {
            Path config = r.resolve("config.json");
            com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(Files.readString(config))
                    .getAsJsonObject();
            json.getAsJsonObject("training").getAsJsonObject("adam").addProperty("learningRate", 0.125);
            Files.writeString(config, json.toString());
        }
        Files.delete(unfinished.resolve("evaluation-best.json"));
        EpnsCommandTest.Result other = EpnsCommandTest.run("experiment", "main-comparison", "--quick", "--out",
                root.toString());
        assertThat(other.code()).as(other.err()).isZero();
        assertThat(other.out()).contains("not reused: trained with other training settings (adam.learningRate 0.125 -> ")
                .contains("not resumed: trained with other training settings (adam.learningRate 0.125 -> ")
                .doesNotContain("  training");
        List<ExperimentResults.RunResult> otherRuns = ExperimentResults.read(folder).studies().get(0).runs();
        assertThat(otherRuns.get(0).status()).isEqualTo("trained with other training settings");
        assertThat(otherRuns.get(1).status()).isEqualTo("trained with other training settings");
        assertThat(otherRuns.get(2).done()).isTrue();

        // The report alone is rebuilt from results.json.
        Files.delete(folder.resolve("report.html"));
        EpnsCommandTest.Result report = EpnsCommandTest.run("report", root.toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(folder.resolve("report.html")).exists();
    }

    @Test
    void reportOfAFolderWithoutResultsSaysWhatToDo(@TempDir Path root) {
        EpnsCommandTest.Result r = EpnsCommandTest.run("report", root.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("holds no results.json").contains("./epns experiment");
    }
}
