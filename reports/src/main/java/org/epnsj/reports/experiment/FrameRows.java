package org.epnsj.reports.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.epnsj.api.data.Trajectory;
import org.epnsj.harness.ExperimentResults;
import org.epnsj.harness.FigureRollouts;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.io.DatasetFolder;

/** What the frame figures (cell grids, swarms) share: their inputs and the choice of columns. */
final class FrameRows {

    private FrameRows() {}

    /** The first {@code n} trajectories of the split the kept rollouts start from (the truth they are compared to). */
    static List<Trajectory> truth(EpnsRuntime runtime, String domain, Path data, int n) throws IOException {
        List<Trajectory> all = DatasetFolder.open(data, runtime.plugins().domain(domain).codec())
                .read(FigureRollouts.SPLIT);
        return all.subList(0, Math.min(n, all.size()));
    }

    /** The rollouts the harness kept for {@code arm}'s first run, or null when there are none. */
    static Path keptRollouts(List<ExperimentResults.RunResult> runs, String arm) {
        List<ExperimentResults.RunResult> mine = StudyRuns.ofArm(runs, arm);
        Path file = mine.isEmpty() ? null : Path.of(mine.get(0).runFolder()).resolve(FigureRollouts.FILE_NAME);
        return file != null && Files.exists(file) ? file : null;
    }

    /** Frames {@code columns} of every row. */
    static <F> List<List<F>> pick(List<List<F>> rows, int[] columns) {
        List<List<F>> picked = new ArrayList<>();
        for (List<F> row : rows) {
            List<F> p = new ArrayList<>();
            for (int c : columns) {
                p.add(row.get(c));
            }
            picked.add(p);
        }
        return picked;
    }

    /** "step c" for each column. */
    static List<String> stepLabels(int[] columns) {
        List<String> labels = new ArrayList<>();
        for (int c : columns) {
            labels.add("step " + c);
        }
        return labels;
    }
}
