package org.epnsj.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.epnsj.runtime.run.RunDirectory;
import org.epnsj.runtime.training.EpochSummary;

/**
 * What a run's {@code metrics.jsonl} says about its training: epochs done, their summed time (the
 * time of the epochs themselves, so a resumed run counts each epoch once) and every epoch's summary.
 * Lines written before the diagnostics existed load with {@link EpochSummary#diagnostics()} null.
 *
 * @param epochs epochs logged
 * @param seconds summed epoch times
 * @param history the epochs' summaries in file order
 */
record TrainingLog(int epochs, double seconds, List<EpochSummary> history) {

    static TrainingLog read(Path metrics) throws IOException {
        List<EpochSummary> history = RunDirectory.readMetrics(metrics);
        double seconds = history.stream().mapToDouble(EpochSummary::seconds).sum();
        return new TrainingLog(history.size(), seconds, List.copyOf(history));
    }
}
