package org.epnsj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.epnsj.runtime.io.Npy;
import org.epnsj.runtime.io.NpyArray;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpnsCommandTest {

    /** The outcome of one command line. */
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EpnsCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void domainsListsTheExamplePlugins() {
        Result r = run("domains", "--json");
        assertThat(r.code()).isZero();
        JsonObject doc = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(doc.getAsJsonArray("domains").toString()).contains("\"id\":\"linear-gaussian\"")
                .contains("\"id\":\"nbody\"").contains("\"id\":\"flocking\"").contains("\"version\"");
        assertThat(doc.getAsJsonArray("symmetries").toString()).contains("\"id\":\"so2\"").contains("\"id\":\"e2xsn\"");
        assertThat(run("domains").out()).contains("linear-gaussian").contains("so2");
    }

    @Test
    void badInputGivesOneLineErrorsAndNonZeroExitCodes(@TempDir Path dir) {
        Result unknown = run("train", "nope", "--data", dir.toString(), "--out", dir.resolve("r").toString());
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err().strip()).startsWith("epns: error: unknown domain 'nope'; known domains: [")
                .contains("linear-gaussian").contains("nbody").doesNotContain("\n");

        Result missing = run("train", "linear-gaussian", "--data", dir.resolve("absent").toString(), "--out",
                dir.resolve("r").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("does not exist").doesNotContain("\tat ");

        Result model = run("train", "linear-gaussian", "--model", "unet", "--data", dir.toString(), "--out",
                dir.resolve("r").toString());
        assertThat(model.err()).contains("no model 'unet'").contains("[epns]");

        Result usage = run("train", "linear-gaussian");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("Missing required options");

        Result verbose = run("--verbose", "sample", "--run", dir.resolve("none").toString(), "--data", dir.toString(),
                "--steps", "3", "--out", dir.resolve("x.npy").toString());
        assertThat(verbose.code()).isEqualTo(1);
        assertThat(verbose.err()).contains("run folder").contains("\tat ");
    }

    /** Help never meets a missing required parameter, for any subcommand, present or future. */
    @Test
    void everySubcommandPrintsItsHelpAndExitsZero() {
        var subcommands = new picocli.CommandLine(new EpnsCommand()).getSubcommands().keySet();
        assertThat(subcommands).contains("train", "experiment", "generate", "sample", "evaluate", "demo", "report");
        for (String name : subcommands) {
            for (String flag : new String[] {"--help", "-h"}) {
                Result r = run(name, flag);
                assertThat(r.code()).as(name + " " + flag + ": " + r.err()).isZero();
                assertThat(r.out()).as(name + " " + flag).contains("Usage: epns " + name + " ");
                assertThat(r.err()).as(name + " " + flag).isEmpty();
            }
        }
        Result train = run("train", "--help");
        assertThat(train.out()).contains("--data=<data>").contains("--out=<out>").contains("-h, --help");
    }

    /** An output folder that cannot be made is named with the reason, in one line, and nothing is written. */
    @Test
    void anOutputFolderThatCannotBeCreatedIsNamedWithItsReason(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");
        Path under = blocker.resolve("data");
        Result file = run("generate", "linear-gaussian", "--preset", "tiny", "--out", under.toString());
        assertThat(file.code()).isEqualTo(1);
        assertThat(file.err().strip()).doesNotContain("\n").isEqualTo("epns: error: cannot create output folder "
                + under + ": a file is in the way: " + blocker + " exists and is not a folder");

        Path data = dir.resolve("data");
        assertThat(run("generate", "linear-gaussian", "--preset", "tiny", "--out", data.toString()).code()).isZero();
        Result run = run("train", "linear-gaussian", "--data", data.toString(), "--out", blocker.toString(),
                "--epochs", "1");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("epns: error: cannot create output folder " + blocker
                + ": a file is in the way: " + blocker + " exists and is not a folder");
        assertThat(Files.readString(blocker)).isEqualTo("a file, not a folder");

        // Linux's /proc refuses new entries ("no such file" to mkdir, even for root).
        if (Files.isDirectory(Path.of("/proc/self"))) {
            Result proc = run("generate", "linear-gaussian", "--preset", "tiny", "--out", "/proc/x");
            assertThat(proc.code()).isEqualTo(1);
            assertThat(proc.err().strip()).isEqualTo("epns: error: cannot create output folder /proc/x: the file "
                    + "system of /proc does not allow new folders there (no such file or directory)");
        }
    }

    /** A folder without write permission (root may write anywhere, so this only runs for other users). */
    @Test
    void anOutputFolderInAFolderWithoutWritePermissionSaysSo(@TempDir Path dir) throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(locked), "root writes into any folder");
            Result denied = run("generate", "linear-gaussian", "--preset", "tiny", "--out",
                    locked.resolve("data").toString());
            assertThat(denied.err().strip()).isEqualTo("epns: error: cannot create output folder "
                    + locked.resolve("data") + ": permission denied: " + locked + " is not writable");
        } finally {
            Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void generateTrainResumeSampleAndEvaluateEndToEnd(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path run = dir.resolve("run");
        assertThat(run("generate", "linear-gaussian", "--preset", "tiny", "--out", data.toString()).code()).isZero();
        assertThat(data.resolve("dataset.json")).exists();
        assertThat(data.resolve("train").resolve("000000.npy")).exists();

        Result train = run("train", "linear-gaussian", "--data", data.toString(), "--out", run.toString(), "--epochs", "2");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(run.resolve("provenance.json")).exists();
        assertThat(Files.readAllLines(run.resolve("metrics.jsonl"))).hasSize(2);
        // The last epoch's diagnostics and the training figure of the run folder.
        assertThat(train.out()).contains("dimensions active (KL per node > 0.01 nats); one-step relativeRmsError ")
                .contains("plots" + java.io.File.separator + "training.png");
        Path plot = run.resolve("plots").resolve("training.png");
        assertThat(javax.imageio.ImageIO.read(plot.toFile()).getHeight())
                .as("losses, gradient norms and 4 diagnostics panels").isEqualTo(150 + 6 * 250);

        Result again = run("train", "linear-gaussian", "--data", data.toString(), "--out", run.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already holds a run").contains("--resume");

        Result resumed = run("train", "linear-gaussian", "--data", data.toString(), "--out", run.toString(), "--epochs",
                "3", "--resume");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(Files.readAllLines(run.resolve("metrics.jsonl"))).hasSize(3);
        Files.delete(plot);
        Result plots = run("report", run.toString());
        assertThat(plots.code()).as(plots.err()).isZero();
        assertThat(plots.out()).contains("wrote " + plot);
        assertThat(plot).isRegularFile();

        Path samples = dir.resolve("samples.npy");
        Result sample = run("sample", "--run", run.toString(), "--data", data.toString(), "--split", "test", "--steps",
                "5", "--samples", "3", "--out", samples.toString());
        assertThat(sample.code()).as(sample.err()).isZero();
        NpyArray array = Npy.read(samples);
        assertThat(array.shape()).containsExactly(32, 3, 6, 2);

        Path report = dir.resolve("eval.json");
        Result evaluate = run("evaluate", "--run", run.toString(), "--data", data.toString(), "--json", report.toString());
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("impliedSigma");
        Path sampled = dir.resolve("eval-sample.json");
        Result withSamples = run("evaluate", "--run", run.toString(), "--data", data.toString(), "--readout", "sample",
                "--json", sampled.toString());
        assertThat(withSamples.code()).as(withSamples.err()).isZero();
        assertThat(JsonParser.parseString(Files.readString(sampled)).getAsJsonObject().getAsJsonObject("provenance")
                .get("rolloutReadout").getAsString()).isEqualTo("sample");
        assertThat(run("evaluate", "--run", run.toString(), "--data", data.toString(), "--readout", "median").code())
                .isEqualTo(2);
        JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        assertThat(json.getAsJsonObject("metrics").has("testNegativeElbo")).isTrue();
        assertThat(json.getAsJsonObject("provenance").get("engine").getAsString()).isEqualTo(Engines.defaultEngineName());
        // Paths are recorded relative to the run folder: nothing of this machine.
        JsonObject provenance = json.getAsJsonObject("provenance");
        assertThat(provenance.get("run").getAsString()).isEqualTo("run");
        assertThat(provenance.get("data").getAsString()).isEqualTo("../data");
        assertThat(provenance.getAsJsonObject("config").get("data").getAsString()).isEqualTo("../data");
        assertThat(Files.readString(run.resolve("config.json"))).doesNotContain(dir.toString());
    }

    /** A run's training block, edited, trains a new run; a broken one is named in one line and leaves no run. */
    @Test
    void trainingSettingsFromAFileReplaceThePresetsAndBadOnesAreNamed(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        assertThat(run("generate", "linear-gaussian", "--preset", "tiny", "--out", data.toString()).code()).isZero();
        Path first = dir.resolve("first");
        assertThat(run("train", "linear-gaussian", "--data", data.toString(), "--out", first.toString(), "--epochs", "1")
                .code()).isZero();
        JsonObject training = JsonParser.parseString(Files.readString(first.resolve("config.json"))).getAsJsonObject()
                .getAsJsonObject("training");
        training.addProperty("epochs", 2);
        training.addProperty("batchSize", 3);
        Path settings = dir.resolve("training.json");
        Files.writeString(settings, training.toString());

        Path second = dir.resolve("second");
        Result r = run("train", "linear-gaussian", "--data", data.toString(), "--out", second.toString(), "--training",
                settings.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject used = JsonParser.parseString(Files.readString(second.resolve("config.json"))).getAsJsonObject();
        assertThat(used.getAsJsonObject("training").get("batchSize").getAsInt()).isEqualTo(3);
        assertThat(Files.readAllLines(second.resolve("metrics.jsonl"))).hasSize(2);

        training.addProperty("batchSize", 0);
        Files.writeString(settings, training.toString());
        Result bad = run("train", "linear-gaussian", "--data", data.toString(), "--out", dir.resolve("third").toString(),
                "--training", settings.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err().strip()).doesNotContain("\n").contains("training.json").contains("batchSize must be >= 1");
        assertThat(dir.resolve("third").resolve("config.json")).doesNotExist();
    }

    @Test
    void demoTrainsEpnsAndItsBaselineAndPrintsThemSideBySide(@TempDir Path dir) throws Exception {
        Result r = run("demo", "--preset", "tiny", "--epochs", "1", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("training epns").contains("training pns-gnn").contains("evaluating pns-gnn");
        if (Engines.configuredDefaultEngine().isEmpty()) {
            assertThat(r.out()).as("the demo runs on PyTorch unless an engine is named").contains("training epns on PyTorch");
        }
        String header = r.out().lines().filter(l -> l.startsWith("metric")).findFirst().orElseThrow();
        assertThat(header).contains("epns").contains("pns-gnn");
        // The main comparison's table, not every metric: per-step KS rows by step, no log-likelihood row.
        assertThat(r.out()).contains("testNegativeElbo").contains("ksTotalEnergyStatistic@")
                .doesNotContain("testLogLikelihood");
        // tiny: 1 epoch of 4 trajectories x 8 samples at batch 16 = 2 steps; cpu: 160 x 80 x 80 / 32.
        assertThat(r.out()).contains("epns trained 2 optimiser steps on the 'tiny' preset")
                .contains("the 'cpu' preset trains 32,000, 3 seeds per model: ./epns experiment main-comparison --domain nbody.");
        assertThat(dir.resolve("evaluation-epns.json")).exists();
        assertThat(dir.resolve("evaluation-pns-gnn.json")).exists();
        assertThat(dir.resolve("samples.npy")).exists();
        Path report = dir.resolve("report").resolve("report.html");
        assertThat(r.out()).contains("report: " + report);
        assertThat(Files.readString(report)).contains("Demo: epns vs pns-gnn on nbody")
                .contains("data:image/png;base64,").contains("./epns demo --domain nbody --preset tiny");
        assertThat(dir.resolve("report").resolve("figures").resolve("nbody-tiny-stability.png")).exists();
    }

    @Test
    void theDemoPointsADomainTheMainComparisonDoesNotStudyToItsOwnCpuPreset() {
        var domain = org.epnsj.runtime.plugin.PluginRegistry.discover().domain("linear-gaussian");
        assertThat(DemoCommand.budgetNote(domain, domain.models().get(0), "tiny", 1))
                .endsWith(": ./epns demo --domain linear-gaussian --preset cpu.").doesNotContain("experiment");
    }
}
