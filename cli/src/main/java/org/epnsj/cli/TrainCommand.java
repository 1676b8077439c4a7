package org.epnsj.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.app.TrainRequest;
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

    @Option(names = "--preset", description = "Model preset (default: the domain's first preset).")
    String preset;

    @Option(names = "--epochs", description = "Override the preset's number of epochs.")
    Integer epochs;

    @Option(names = "--seed", description = "Override the preset's seed.")
    Long seed;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
    boolean resume;

    @Mixin
    RuntimeOptions runtimeOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EpnsRuntime runtime = runtimeOptions.runtime();
        PrintWriter out = spec.commandLine().getOut();
        EpnsTrainer.Outcome outcome = trainInterruptibly(runtime,
                new TrainRequest(domain, model, preset, data, this.out, epochs, seed, resume));
        if (outcome.interrupted()) {
            out.printf("interrupted; the last completed epoch is saved. Continue with:%n  ./epns train %s --data %s --out %s --resume%n",
                    domain, data, this.out);
            out.flush();
            return 130;
        }
        if (!outcome.epochs().isEmpty()) {
            EpochSummary last = outcome.epochs().get(outcome.epochs().size() - 1);
            out.printf("trained %d epochs; last loss %.4f, validation negative ELBO %.4f; run folder %s%n",
                    outcome.epochs().size(), last.trainLoss(), last.validationNegativeElbo(), this.out);
        } else {
            out.printf("nothing to do: the run in %s has finished all its epochs%n", this.out);
        }
        out.flush();
        return 0;
    }

    /**
     * Trains with a progress bar; Ctrl-C stops after the current batch (the previous epoch's
     * checkpoint stands) instead of killing the JVM mid-write.
     */
    static EpnsTrainer.Outcome trainInterruptibly(EpnsRuntime runtime, TrainRequest request) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "epns-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Progress.TrainingBar bar = new Progress.TrainingBar()) {
            return runtime.train(request, bar, stop::get);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting; the hook is running.
            }
        }
    }
}
