package org.epnsj.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.epnsj.runtime.run.RunConfig;
import org.epnsj.runtime.run.RunDirectory;
import org.epnsj.runtime.training.EpochSummary;

/** The figures of a run folder's {@code plots/}, drawn from its {@code metrics.jsonl}. */
public final class RunPlots {

    /** The training curves and diagnostics ({@link TrainingCharts}). */
    public static final String TRAINING = "training.png";

    private RunPlots() {}

    /**
     * Writes {@code plots/training.png} of the run folder.
     *
     * @return the file, or null when no epoch has finished yet
     * @throws IOException if the folder is not a run folder or a file cannot be written
     */
    public static Path write(Path runFolder) throws IOException {
        RunDirectory run = RunDirectory.open(runFolder);
        List<EpochSummary> epochs = run.readMetrics();
        if (epochs.isEmpty()) {
            return null;
        }
        Path png = run.plotsFolder().resolve(TRAINING);
        TrainingCharts.write(png, title(run.readConfig()), epochs);
        return png;
    }

    /** "Training of domain / model (preset p, seed s)". */
    public static String title(RunConfig c) {
        return "Training of " + c.domain() + " / " + c.model() + " (preset " + c.preset() + ", seed "
                + c.training().seed() + ")";
    }
}
