package org.epnsj.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.epnsj.harness.ExperimentConfig;
import org.epnsj.harness.ExperimentResults;
import org.epnsj.harness.ExperimentRunner;
import org.epnsj.reports.experiment.ExperimentReport;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.io.PortablePaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code epns experiment NAME}: runs a shipped experiment (data, training of every run, evaluation,
 * tables, figures and report). Runs are resumed where they stopped; finished ones are reused.
 */
@Command(name = "experiment", description = "Run a named experiment and write its results folder (results.json, "
        + "results.md, figures/, report.html). Interrupted runs resume; finished runs are reused. Experiments: "
        + "main-comparison, data-efficiency, latent-prior, multi-step, long-rollout-stability, or all.")
final class ExperimentCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "Experiment name, or 'all'.")
    String name;

    @Option(names = "--out", defaultValue = "experiments", description = "Results root: data/, runs/ and one folder "
            + "per experiment. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--quick", description = "The same code path on the smallest presets and one epoch, in minutes "
            + "(checks the set-up; its numbers are not results).")
    boolean quick;

    @Option(names = "--domain", split = ",", description = "Only the studies of these domains (default: all).")
    List<String> domains;

    @Option(names = "--collect", description = "Train and generate nothing: write the results and report of the "
            + "runs finished so far (for a look while the runs go on in another process).")
    boolean collect;

    @Option(names = "--seeds", split = ",", description = "Train only these training seeds now; runs of the other "
            + "seeds are reported if finished, else listed as missing (a first look at every configuration).")
    List<Long> seeds;

    @Option(names = "--spark", arity = "0..1", fallbackValue = "", paramLabel = "MASTER",
            description = "Train and evaluate each run as one task on a Spark master (default local[*]; --out must be "
                    + "a folder every executor shares), then gather the results here.")
    String spark;

    @Mixin
    RuntimeOptions runtimeOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> names = "all".equals(name) ? ExperimentConfig.NAMES : List.of(name);
        List<ExperimentConfig> configs = new ArrayList<>();
        for (String n : names) {
            configs.add(config(n, quick, domains));
        }
        EpnsRuntime runtime = runtimeOptions.runtime();
        PrintWriter printer = spec.commandLine().getOut();
        ExperimentRunner runner = new ExperimentRunner(runtime, request -> {
            try (StopSignal stop = StopSignal.install()) {
                return TrainCommand.train(runtime, request, stop);
            }
        }, printer).evaluator((run, data, seed) -> {
            try (ProgressBar bar = Progress.counter("evaluate", "model transitions")) {
                return runtime.evaluate(run, data, "best", seed, null, bar::stepBy);
            }
        }).collectOnly(collect).trainSeeds(seeds);
        if (spark != null) {
            trainOnCluster(runner, configs, printer);
        }
        ExperimentReport report = new ExperimentReport(runtime);
        for (ExperimentConfig c : configs) {
            // --out relative to the working directory, so the recorded command names nothing of this machine.
            String command = "./epns experiment " + c.name() + " --out " + PortablePaths.relative(Path.of(""), out)
                    + (quick ? " --quick" : "")
                    + (domains != null ? " --domain " + String.join(",", domains) : "")
                    + (seeds != null ? " --seeds " + String.join(",", seeds.stream().map(String::valueOf).toList()) : "")
                    + (runtimeOptions.engine != null ? " --engine " + runtimeOptions.engine : "");
            ExperimentResults results;
            try {
                results = runner.run(c, quick, out, List.of(command));
            } catch (InterruptedException e) {
                printer.println(e.getMessage());
                printer.flush();
                return 130;
            }
            Path page = report.write(out.resolve(ExperimentRunner.folderName(c.name(), quick)), results);
            printer.printf("%s: report %s%n", c.name(), page);
            printer.flush();
        }
        return 0;
    }

    /** Every pending run of every experiment as one task; the loop after it then finds them done and gathers them. */
    private void trainOnCluster(ExperimentRunner runner, List<ExperimentConfig> configs, PrintWriter printer)
            throws Exception {
        List<ExperimentRunTask> tasks = new ArrayList<>();
        for (ExperimentConfig c : configs) {
            for (String key : runner.pendingRuns(c, quick, out)) {
                tasks.add(new ExperimentRunTask(c.name(), quick, domains, out, key, runtimeOptions));
            }
        }
        if (tasks.isEmpty()) {
            return;
        }
        String master = ClusterJobs.master(spark);
        printer.printf("%d runs as tasks on Spark master %s%n", tasks.size(), master);
        printer.flush();
        for (String line : ClusterJobs.load().runEach(master, "experiment " + name, tasks)) {
            printer.printf("  %s%n", line);
        }
        printer.flush();
    }

    /** The named experiment as the command runs it: its quick variant with --quick, only some domains with --domain. */
    static ExperimentConfig config(String name, boolean quick, List<String> domains) throws java.io.IOException {
        ExperimentConfig c = ExperimentConfig.named(name);
        c = quick ? c.quickVariant() : c;
        return domains == null ? c : c.onlyDomains(domains);
    }
}
