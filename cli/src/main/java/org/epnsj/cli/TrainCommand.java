package org.epnsj.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.reports.RunPlots;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.app.TrainRequest;
import org.epnsj.runtime.run.Json;
import org.epnsj.runtime.training.EpnsTrainer;
import org.epnsj.runtime.training.EpochSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code epns train}: trains a model and writes a run folder. */
@Command(name = "train", description = "Train a model on a data set; writes checkpoints after every epoch.")
final class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DOMAIN", description = "Domain id (see 'epns domains').")
    String domain;

    @Option(names = "--model", description = "Model name (default: the domain's first model).")
    String model;

    @Option(names = "--data", required = true, description = "Data folder (from 'epns generate').")
    Path data;

    @Option(names = "--out", required = true, description = "Run folder to create (or continue with --resume).")
    Path out;

    @Option(names = "--preset", description = "Model preset (default: the preset the data was generated with).")
    String preset;

    @Option(names = "--epochs", description = "Override the preset's number of epochs.")
    Integer epochs;

    @Option(names = "--seed", description = "Override the preset's seed.")
    Long seed;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
    boolean resume;

    @Option(names = "--training", paramLabel = "FILE", description = "Training settings as JSON, in the form of the "
            + "'training' block of a run's config.json, instead of the preset's (--epochs and --seed still override).")
    Path training;

    @Mixin
    RuntimeOptions runtimeOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EpnsRuntime runtime = runtimeOptions.runtime();
        PrintWriter out = spec.commandLine().getOut();
        try (StopSignal stop = StopSignal.install()) {
            if (training != null && resume) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--training applies to a new run; a resumed run keeps the settings in its config.json");
            }
            TrainingConfig settings = training == null ? null : Json.read(training, TrainingConfig.class);
            EpnsTrainer.Outcome outcome = train(runtime,
                    new TrainRequest(domain, model, preset, data, this.out, epochs, seed, resume, settings), stop);
            if (outcome.interrupted()) {
                out.printf("interrupted; the last completed epoch is saved. Continue with:%n"
                        + "  ./epns train %s --data %s --out %s --resume%n", domain, data, this.out);
                out.flush();
                return 130;
            }
            if (!outcome.epochs().isEmpty()) {
                EpochSummary last = outcome.epochs().get(outcome.epochs().size() - 1);
                out.printf("trained %d epochs; last loss %.4f, validation negative ELBO %.4f; run folder %s%n",
                        outcome.epochs().size(), last.trainLoss(), last.validationNegativeElbo(), this.out);
                if (last.diagnostics() != null) {
                    out.println(Progress.diagnostics(last.diagnostics()));
                }
                out.printf("training curves and diagnostics: %s%n",
                        this.out.resolve("plots").resolve(RunPlots.TRAINING));
            } else {
                out.printf("nothing to do: the run in %s has finished all its epochs%n", this.out);
            }
            out.flush();
            return 0;
        }
    }

    /**
     * Trains with a progress bar, stopping after the current batch when {@code stop} is requested, then
     * draws the run's {@code plots/training.png} from the epochs finished so far.
     */
    static EpnsTrainer.Outcome train(EpnsRuntime runtime, TrainRequest request, StopSignal stop) throws Exception {
        EpnsTrainer.Outcome outcome;
        try (Progress.TrainingBar bar = new Progress.TrainingBar()) {
            outcome = runtime.train(request, bar, stop::requested);
        }
        RunPlots.write(request.runDirectory());
        return outcome;
    }
}
