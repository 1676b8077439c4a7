package org.epnsj.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.app.TrainRequest;
import org.epnsj.runtime.run.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code epns demo}: the whole pipeline on embedded defaults, in a couple of minutes. */
@Command(name = "demo", description = "Generate data, train, sample and evaluate on embedded defaults, then print "
        + "what the model learned next to the truth.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--domain", defaultValue = "linear-gaussian", description = "Domain. Default: ${DEFAULT-VALUE}.")
    String domain;

    @Option(names = "--preset", defaultValue = "cpu", description = "Preset. Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--out", description = "Folder for the demo's data and run (default: demo-output/<time>).")
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
        Files.createDirectories(root);
        EpnsRuntime runtime = runtimeOptions.runtime();
        Path data = root.resolve("data");
        Path run = root.resolve("run");
        long started = System.nanoTime();

        out.printf("1/4 generating the %s '%s' data set into %s%n", domain, preset, data);
        out.flush();
        var sizes = runtime.plugins().domain(domain).datasetPreset(preset);
        int total = sizes.splits().values().stream().mapToInt(s -> s.trajectories()).sum();
        try (ProgressBar bar = Progress.bar("generate", total)) {
            runtime.generate(domain, preset, 1, data, f -> bar.step());
        }

        out.printf("2/4 training the default model on %s (%s)%n", runtime.settings().engine(),
                runtime.settings().device().name().toLowerCase(Locale.ROOT));
        out.flush();
        try (StopSignal stop = StopSignal.install()) {
            var outcome = TrainCommand.train(runtime, new TrainRequest(domain, null, preset, data, run, epochs, null, false),
                    stop);
            if (outcome.interrupted()) {
                out.printf("interrupted; continue training with ./epns train %s --data %s --out %s --resume%n", domain,
                        data, run);
                out.flush();
                return 130;
            }
        }

        out.println("3/4 sampling 4 rollouts of 20 steps from every test trajectory");
        out.flush();
        Path samples = root.resolve("samples.npy");
        runtime.sample(run, data, "test", 20, 4, 1, samples, null);

        out.println("4/4 evaluating against the truth");
        out.flush();
        Map<String, Object> report = runtime.evaluate(run, data, "best", 1);
        Json.write(root.resolve("evaluation.json"), report);
        Reports.printMetrics(out, report);
        if (report.get("metrics") instanceof Map<?, ?> m && m.containsKey("impliedSigma")) {
            out.printf(Locale.ROOT, "%nlearned sigma %.4f vs true sigma %.4f (%+.1f %%); NLL gap %.4f nats%n",
                    num(m.get("impliedSigma")), num(m.get("trueSigma")), 100 * num(m.get("sigmaRelativeError")),
                    num(m.get("nllGap")));
        }
        out.printf(Locale.ROOT, "done in %.0f s; data, run folder, samples.npy and evaluation.json are in %s%n",
                (System.nanoTime() - started) / 1e9, root);
        out.flush();
        return 0;
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }
}
