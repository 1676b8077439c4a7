package org.epnsj.reports.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.epnsj.api.data.Trajectory;
import org.epnsj.harness.FigureRollouts;
import org.epnsj.harness.ExperimentResults;
import org.epnsj.reports.CellFrames;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.io.Npy;
import org.epnsj.runtime.io.NpyArray;

/**
 * The {@code cell-frames} figures: frames of ground-truth trajectories and of the rollouts the harness
 * kept ({@link FigureRollouts}), all from the shared start of {@value FigureRollouts#SPLIT}, as a panel and
 * GIFs. Without the rollouts (run folders gone) the figures drawn before are kept.
 */
final class CellFrameFigures {

    private CellFrameFigures() {}

    static List<Figure> draw(EpnsRuntime runtime, Path figures, String prefix, String domain, List<String> arms,
            List<ExperimentResults.RunResult> runs) throws IOException {
        Path panel = figures.resolve(prefix + "-frames.png");
        List<Figure> kept = new ArrayList<>();
        List<String> rowLabels = new ArrayList<>();
        List<List<CellFrames.Frame>> rows = new ArrayList<>();
        Path data = Path.of(runs.get(0).dataFolder());
        if (Files.exists(data)) {
            List<Trajectory> truth = FrameRows.truth(runtime, domain, data, FigureRollouts.SAMPLES);
            for (int i = 0; i < truth.size(); i++) {
                rowLabels.add("ground truth " + (i + 1));
                rows.add(frames(truth.get(i)));
            }
        }
        List<CellFrames.Frame> gifFrames = null;
        String gifArm = null;
        for (String arm : arms) {
            Path file = FrameRows.keptRollouts(runs, arm);
            if (file == null) {
                continue;
            }
            List<List<CellFrames.Frame>> samples = read(file);
            for (int i = 0; i < samples.size(); i++) {
                rowLabels.add(arm + " sample " + (i + 1));
                rows.add(samples.get(i));
            }
            if (gifFrames == null) {
                gifFrames = samples.get(0);
                gifArm = arm;
            }
        }
        if (rows.size() <= FigureRollouts.SAMPLES) {
            if (Files.exists(panel)) {
                kept.add(new Figure(panel, "Cell-type frames, ground truth and model rollouts from the same start"));
            }
            kept.addAll(StudyRuns.keptFigures(figures, prefix + "-rollout-", ".gif", "One rollout, every step"));
            kept.addAll(StudyRuns.keptFigures(figures, prefix + "-ground-truth", ".gif",
                    "One simulated trajectory from the same start, every frame"));
            return kept;
        }
        int last = rows.stream().mapToInt(List::size).min().orElse(1) - 1;
        int[] columns = IntStream.of(0, 15, 30, 45).map(s -> Math.min(s, last)).distinct().toArray();
        List<String> columnLabels = FrameRows.stepLabels(columns);
        List<List<CellFrames.Frame>> picked = FrameRows.pick(rows, columns);
        CellFrames.panel(panel, "Cell sorting from one start: ground truth and model rollouts", rowLabels,
                columnLabels, picked);
        kept.add(new Figure(panel, "Cell types (colours) and cell boundaries at steps " + columnLabels
                + ": two ground-truth trajectories and two rollouts of each model, all from the shared start of "
                + FigureRollouts.SPLIT + " (first training seed)"));
        if (gifFrames != null) {
            Path gif = figures.resolve(prefix + "-rollout-" + StudyRuns.safe(gifArm) + ".gif");
            CellFrames.gif(gif, gifArm + " rollout", gifFrames, 200);
            kept.add(new Figure(gif, "One rollout of " + gifArm + ", every step"));
        }
        if (rowLabels.get(0).startsWith("ground truth")) {
            Path gif = figures.resolve(prefix + "-ground-truth.gif");
            CellFrames.gif(gif, "ground truth", rows.get(0), 200);
            kept.add(new Figure(gif, "One simulated trajectory from the same start, every frame"));
        }
        return kept;
    }

    /** Reads kept rollouts as frames: one list of frames per sample. */
    static List<List<CellFrames.Frame>> read(Path file) throws IOException {
        NpyArray a = Npy.read(file);
        long[] s = a.shape();
        long[] values = a.toLongArray();
        List<List<CellFrames.Frame>> out = new ArrayList<>();
        int h = (int) s[2];
        int w = (int) s[3];
        int offset = 0;
        for (int i = 0; i < s[0]; i++) {
            List<CellFrames.Frame> frames = new ArrayList<>();
            for (int f = 0; f < s[1]; f++) {
                frames.add(frame(values, offset, h, w));
                offset += h * w * 2;
            }
            out.add(frames);
        }
        return out;
    }

    /** The frames of a cell-grid trajectory. */
    static List<CellFrames.Frame> frames(Trajectory t) {
        long[] fs = t.frameShape();
        int h = (int) fs[0];
        int w = (int) fs[1];
        float[] buffer = new float[t.frameSize()];
        long[] values = new long[buffer.length];
        List<CellFrames.Frame> out = new ArrayList<>();
        for (int f = 0; f < t.length(); f++) {
            t.copyFrame(f, buffer, 0);
            for (int i = 0; i < buffer.length; i++) {
                values[i] = Math.round(buffer[i]);
            }
            out.add(frame(values, 0, h, w));
        }
        return out;
    }

    private static CellFrames.Frame frame(long[] values, int offset, int h, int w) {
        int[][] ids = new int[h][w];
        int[][] types = new int[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = offset + (y * w + x) * 2;
                ids[y][x] = (int) values[i];
                types[y][x] = (int) values[i + 1];
            }
        }
        return new CellFrames.Frame(ids, types);
    }
}
