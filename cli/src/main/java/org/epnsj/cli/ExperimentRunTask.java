package org.epnsj.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.epnsj.harness.ExperimentRunner;
import org.epnsj.reports.RunPlots;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.training.EpnsTrainer;
import org.epnsj.runtime.training.TrainingListener;

/**
 * One run of an experiment, as a cluster task: from plain values it builds the runtime and the runner the
 * command would, and does that run's data, training and evaluation into the shared results root.
 */
final class ExperimentRunTask implements ClusterJobs.Task {

    private static final long serialVersionUID = 1L;

    /**
     * DJL's PyTorch engine allows one gradient collector per JVM at a time, so PyTorch trainings of tasks that
     * share an executor (or local mode's one JVM) take turns; their data and evaluations still overlap.
     */
    private static final Object PYTORCH_TRAINING = new Object();

    private final String experiment;
    private final boolean quick;
    private final ArrayList<String> domains;
    private final String root;
    private final String key;
    private final String engine;
    private final String device;
    private final String dtype;

    ExperimentRunTask(String experiment, boolean quick, List<String> domains, Path root, String key,
            RuntimeOptions options) {
        this.experiment = experiment;
        this.quick = quick;
        this.domains = domains == null ? null : new ArrayList<>(domains);
        this.root = root.toAbsolutePath().toString();
        this.key = key;
        this.engine = options.engine;
        this.device = options.device;
        this.dtype = options.dtype;
    }

    /** The run's key (its folder name under {@code runs/}). */
    String key() {
        return key;
    }

    @Override
    public String call() throws Exception {
        Engines.configureOffline();
        RuntimeOptions options = new RuntimeOptions();
        options.engine = engine;
        options.device = device;
        options.dtype = dtype;
        EpnsRuntime runtime = options.runtime();
        StringWriter log = new StringWriter();
        // Tasks share the console (local mode) or have none: no progress bars, the run's log goes back as text.
        boolean pytorch = "pytorch".equalsIgnoreCase(runtime.settings().engine());
        ExperimentRunner runner = new ExperimentRunner(runtime, request -> {
            EpnsTrainer.Outcome outcome;
            if (pytorch) {
                synchronized (PYTORCH_TRAINING) {
                    outcome = runtime.train(request, new TrainingListener() { }, () -> false);
                }
            } else {
                outcome = runtime.train(request, new TrainingListener() { }, () -> false);
            }
            RunPlots.write(request.runDirectory());
            return outcome;
        }, new PrintWriter(log, true));
        String why = runner.runOnly(ExperimentCommand.config(experiment, quick, domains), quick, Path.of(root), key);
        return key + ": " + (why == null ? "finished" : why);
    }
}
