package org.epnsj.cli;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.epnsj.runtime.training.EpochDiagnostics;
import org.epnsj.runtime.training.EpochSummary;
import org.epnsj.runtime.training.TrainingListener;

/** Progress bars on standard error. */
public final class Progress {

    private Progress() {}

    /** A bar with ETA for {@code max} units of work. */
    static ProgressBar bar(String task, long max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250).build();
    }

    /** A bar without a known end: counts {@code unit} and shows the elapsed time and the rate. */
    public static ProgressBar counter(String task, String unit) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(-1).setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(250).build();
    }

    /**
     * One line on an epoch's diagnostics: active latent dimensions (of all) and the one-step accuracy
     * figures, e.g. {@code latent: 3 of 8 dimensions active (KL per node > 0.01 nats); one-step
     * relativeRmsError 0.82}.
     */
    static String diagnostics(EpochDiagnostics d) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "latent: %d of %d dimensions active (KL per node > %s nats); one-step", d.activeUnits(),
                d.dimensions(), d.activeUnitThreshold()));
        d.oneStepAccuracy().forEach((name, value) -> line.append(String.format(Locale.ROOT, " %s %.4f", name, value)));
        return line.toString();
    }

    /** A training listener that drives one bar over all remaining batches and prints a line per epoch. */
    static final class TrainingBar implements TrainingListener, AutoCloseable {

        private ProgressBar bar;
        private int totalEpochs;

        @Override
        public void epochStarted(int epoch, int totalEpochs, int batches) {
            this.totalEpochs = totalEpochs;
            if (bar == null) {
                bar = bar("train", (long) (totalEpochs - epoch) * batches);
            }
        }

        @Override
        public void batchFinished(int epoch, int batch, double lossPerSample) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d/%d loss %.4f", epoch + 1, totalEpochs, lossPerSample));
        }

        @Override
        public void batchRecomputed(int epoch, int batch, String reason) {
            System.err.printf(Locale.ROOT, "%nwarning: %s; the batch was recomputed with the same inputs and noise"
                    + " and came out finite, so training went on (an intermittent engine fault, not the model)%n",
                    reason);
        }

        @Override
        public void epochFinished(EpochSummary s) {
            String active = s.diagnostics() == null ? ""
                    : String.format(Locale.ROOT, " active %d/%d", s.diagnostics().activeUnits(),
                            s.diagnostics().dimensions());
            bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d/%d loss %.4f val %.4f%s%s", s.epoch() + 1,
                    totalEpochs, s.trainLoss(), s.validationNegativeElbo(), active, s.best() ? " *" : ""));
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
