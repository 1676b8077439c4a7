package org.epnsj.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.epnsj.api.model.Readout;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.run.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code epns evaluate}: computes a domain's metrics for a trained model. */
@Command(name = "evaluate", description = "Evaluate a trained model on a data set with the domain's metrics.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, description = "Run folder (from 'epns train').")
    Path run;

    @Option(names = "--data", required = true, description = "Data folder.")
    Path data;

    @Option(names = "--checkpoint", defaultValue = "best", description = "best or last. Default: ${DEFAULT-VALUE}.")
    String checkpoint;

    @Option(names = "--seed", defaultValue = "1", description = "Evaluation seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report with provenance as JSON.")
    Path json;

    @Option(names = "--readout", description = "How rollouts turn a prediction into the next state: mean, mode or "
            + "sample (default: the run's own setting).")
    Readout readout;

    @Option(names = "--spark", arity = "0..1", fallbackValue = "", paramLabel = "MASTER",
            description = "Compute the rollout ensembles as tasks on a Spark master (default local[*]); the same numbers as without it.")
    String spark;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EpnsRuntime runtime = RuntimeOptions.defaultRuntime();
        Map<String, Object> report;
        try (ProgressBar bar = Progress.counter("evaluate", "model transitions")) {
            report = spark == null ? runtime.evaluate(run, data, checkpoint, seed, readout, bar::stepBy)
                    : ClusterJobs.load().evaluate(ClusterJobs.master(spark), run, data, checkpoint, seed, readout,
                            bar::stepBy);
        }
        PrintWriter out = spec.commandLine().getOut();
        Reports.printMetrics(out, report);
        if (json != null) {
            Json.write(json, report);
            out.println("wrote " + json);
        }
        out.flush();
        return 0;
    }
}
