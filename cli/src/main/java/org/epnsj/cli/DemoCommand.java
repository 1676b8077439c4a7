package org.epnsj.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.harness.ExperimentConfig;
import org.epnsj.harness.ExperimentResults;
import org.epnsj.harness.ExperimentRunner;
import org.epnsj.reports.Tables;
import org.epnsj.reports.experiment.ExperimentReport;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.app.TrainRequest;
import org.epnsj.runtime.io.OutputFolders;
import org.epnsj.runtime.io.PortablePaths;
import org.epnsj.runtime.run.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code epns demo}: the whole pipeline on embedded defaults in a few minutes: generate a data set,
 * train the domain's default model and its first baseline, sample, evaluate both and print them
 * side by side.
 */
@Command(name = "demo", description = "Generate data, train EPNS and a baseline briefly, sample and evaluate, then "
        + "print the two side by side. Default: the n-body domain at its 'small' preset, on PyTorch unless "
        + "--engine or a default engine names another.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--domain", defaultValue = "nbody", description = "Domain. Default: ${DEFAULT-VALUE}.")
    String domain;

    @Option(names = "--preset", description = "Preset (default: 'small' if the domain has it, else 'cpu').")
    String preset;

    @Option(names = "--models", split = ",", description = "Models to train and compare (default: the domain's "
            + "default model and its first pns-* baseline, if any).")
    List<String> models;

    @Option(names = "--out", description = "Folder for the demo's data and runs (default: demo-output/<time>).")
    Path out;

    @Option(names = "--epochs", description = "Override the preset's number of epochs.")
    Integer epochs;

    @Mixin
    RuntimeOptions runtimeOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path root = this.out != null ? this.out
                : Path.of("demo-output", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        OutputFolders.create(root);
        EpnsRuntime runtime = RuntimeOptions.runtime(runtimeOptions.settings());
        DomainProvider provider = runtime.plugins().domain(domain);
        String chosenPreset = preset != null ? preset
                : provider.presets().contains("small") ? "small" : provider.presets().contains("cpu") ? "cpu"
                        : provider.presets().get(0);
        List<String> chosenModels = models != null ? models : defaultModels(provider);
        Path data = root.resolve("data");
        long started = System.nanoTime();
        int stages = 2 + 2 * chosenModels.size();
        int stage = 0;

        out.printf("%d/%d generating the %s '%s' data set into %s%n", ++stage, stages, domain, chosenPreset, data);
        out.flush();
        var sizes = provider.datasetPreset(chosenPreset);
        int total = sizes.splits().values().stream().mapToInt(s -> s.trajectories()).sum();
        try (ProgressBar bar = Progress.bar("generate", total)) {
            runtime.generate(domain, chosenPreset, 1, data, f -> bar.step());
        }

        for (String model : chosenModels) {
            Path run = root.resolve("run-" + model);
            out.printf("%d/%d training %s on %s (%s)%n", ++stage, stages, model, runtime.settings().engine(),
                    runtime.settings().device().name().toLowerCase(Locale.ROOT));
            out.flush();
            try (StopSignal stop = StopSignal.install()) {
                var outcome = TrainCommand.train(runtime,
                        new TrainRequest(domain, model, chosenPreset, data, run, epochs, null, false), stop);
                if (outcome.interrupted()) {
                    out.printf("interrupted; continue training with ./epns train %s --model %s --data %s --out %s "
                            + "--resume%n", domain, model, data, run);
                    out.flush();
                    return 130;
                }
            }
        }

        Path firstRun = root.resolve("run-" + chosenModels.get(0));
        out.printf("%d/%d sampling 4 rollouts of 20 steps from every test trajectory with %s%n", ++stage, stages,
                chosenModels.get(0));
        out.flush();
        runtime.sample(firstRun, data, "test", 20, 4, 1, root.resolve("samples.npy"), null);

        Map<String, Map<String, Object>> reports = new LinkedHashMap<>();
        for (String model : chosenModels) {
            out.printf("%d/%d evaluating %s against the truth%n", ++stage, stages, model);
            out.flush();
            Map<String, Object> report;
            try (ProgressBar bar = Progress.counter("evaluate", "model transitions")) {
                report = runtime.evaluate(root.resolve("run-" + model), data, "best", 1, null, bar::stepBy);
            }
            Json.write(root.resolve("evaluation-" + model + ".json"), report);
            reports.put(model, report);
        }
        Map<String, Path> runFolders = new LinkedHashMap<>();
        chosenModels.forEach(m -> runFolders.put(m, root.resolve("run-" + m)));
        String command = "./epns demo --domain " + domain + " --preset " + chosenPreset + " --models "
                + String.join(",", chosenModels) + " --out " + PortablePaths.relative(Path.of(""), root) + (epochs != null ? " --epochs " + epochs : "");
        ExperimentRunner runner = new ExperimentRunner(runtime, r -> {
            throw new IllegalStateException("the demo trains its runs itself");
        }, out);
        ExperimentResults results = runner.collect("Demo: " + String.join(" vs ", chosenModels) + " on " + domain,
                "What the demo just ran: a short training of each model on a small data set, evaluated with the "
                        + "domain's metrics. One seed and a short budget; './epns experiment main-comparison' runs "
                        + "the real comparison.",
                domain, chosenPreset, data, runFolders, reports, List.of(command));
        Path reportFolder = root.resolve("report");
        Files.createDirectories(reportFolder);
        results.write(reportFolder);
        ExperimentReport report = new ExperimentReport(runtime);
        Path page = report.write(reportFolder, results);
        // Every run was just trained and evaluated, so the table has a column for each.
        List<List<String>> table = report.headlineTable(results);
        out.println();
        out.print(Tables.textTable(table.get(0), table.subList(1, table.size())));
        out.printf(Locale.ROOT, "(every metric: evaluation-<model>.json; figures: the report)%n");
        out.println(budgetNote(provider, chosenModels.get(0), chosenPreset, epochs));
        Map<String, Object> first = reports.values().iterator().next();
        if (first.get("metrics") instanceof Map<?, ?> m && m.containsKey("impliedSigma")) {
            out.printf(Locale.ROOT, "%nlearned sigma %.4f vs true sigma %.4f (%+.1f %%); NLL gap %.4f nats%n",
                    num(m.get("impliedSigma")), num(m.get("trueSigma")), 100 * num(m.get("sigmaRelativeError")),
                    num(m.get("nllGap")));
        }
        out.printf(Locale.ROOT, "done in %.0f s; data, run folders, samples.npy and evaluation-*.json are in %s%n",
                (System.nanoTime() - started) / 1e9, root);
        out.printf("report: %s%n", page);
        out.flush();
        return 0;
    }

    /**
     * One line on what the demo's budget can show and which command shows the rest: the optimiser steps
     * the first model trained here against those of the 'cpu' preset, where the domain has one.
     */
    static String budgetNote(DomainProvider provider, String model, String preset, Integer epochs) {
        TrainingConfig config = provider.trainingConfig(model, preset);
        if (epochs != null) {
            config = config.withEpochs(epochs);
        }
        long steps = config.optimiserSteps(provider.datasetPreset(preset).splits().get("train").trajectories());
        String note = String.format(Locale.ROOT, "%s trained %,d optimiser steps on the '%s' preset with one seed: enough "
                + "for the one-step fit (negative ELBO, one-step accuracy), too few for rollout statistics to mean "
                + "much", model, steps, preset);
        if (!preset.equals("cpu") && provider.presets().contains("cpu")) {
            long cpuSteps = provider.trainingConfig(model, "cpu")
                    .optimiserSteps(provider.datasetPreset("cpu").splits().get("train").trajectories());
            // The shipped comparison studies some domains; for the others, the demo at the cpu preset.
            note += mainComparisonStudies(provider.id())
                    ? String.format(Locale.ROOT, "; the 'cpu' preset trains %,d, 3 seeds per model: ./epns experiment "
                            + "main-comparison --domain %s", cpuSteps, provider.id())
                    : String.format(Locale.ROOT, "; the 'cpu' preset trains %,d: ./epns demo --domain %s --preset cpu",
                            cpuSteps, provider.id());
        }
        return note + ".";
    }

    private static boolean mainComparisonStudies(String domain) {
        try {
            return ExperimentConfig.named("main-comparison").studies().stream().anyMatch(s -> s.domain().equals(domain));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The domain's default model and its first {@code pns-*} baseline, if it has one. */
    static List<String> defaultModels(DomainProvider provider) {
        List<String> out = new ArrayList<>();
        out.add(provider.models().get(0));
        provider.models().stream().filter(m -> m.startsWith("pns")).findFirst().ifPresent(out::add);
        return out;
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }
}
