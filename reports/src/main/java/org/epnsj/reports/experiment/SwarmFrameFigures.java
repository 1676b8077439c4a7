package org.epnsj.reports.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.epnsj.api.data.Trajectory;
import org.epnsj.harness.ExperimentResults;
import org.epnsj.harness.FigureRollouts;
import org.epnsj.reports.SwarmFrames;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.io.Npy;
import org.epnsj.runtime.io.NpyArray;
import org.epnsj.runtime.run.RunDirectory;

/**
 * The {@code swarm-frames} figures: snapshots of ground-truth trajectories and of the rollouts the
 * harness kept ({@link FigureRollouts}), all from the shared start of {@value FigureRollouts#SPLIT},
 * each centred on its swarm at the scale of the ground truth, as a panel and GIFs. The truth is read at
 * the model's step (every k-th frame, k the run's stride). Without the rollouts (run folders gone)
 * the figures drawn before are kept.
 */
final class SwarmFrameFigures {

    private static final int GIF_DELAY_MILLIS = 250;

    private SwarmFrameFigures() {}

    static List<Figure> draw(EpnsRuntime runtime, Path figures, String prefix, String domain, List<String> arms,
            List<ExperimentResults.RunResult> runs) throws IOException {
        Path panel = figures.resolve(prefix + "-swarm-frames.png");
        List<String> rowLabels = new ArrayList<>();
        List<List<SwarmFrames.Frame>> rows = new ArrayList<>();
        List<List<SwarmFrames.Frame>> modelRows = new ArrayList<>();
        List<String> modelLabels = new ArrayList<>();
        String gifArm = null;
        int stride = 0;
        for (String arm : arms) {
            Path file = FrameRows.keptRollouts(runs, arm);
            if (file == null) {
                continue;
            }
            List<List<SwarmFrames.Frame>> samples = read(file);
            for (int i = 0; i < samples.size(); i++) {
                modelLabels.add(arm + " sample " + (i + 1));
                modelRows.add(samples.get(i));
            }
            if (gifArm == null) {
                gifArm = arm;
                stride = RunDirectory.open(file.getParent()).readConfig().training().stride();
            }
        }
        Path data = Path.of(runs.get(0).dataFolder());
        List<Figure> kept = new ArrayList<>();
        if (modelRows.isEmpty() || !Files.exists(data)) {
            if (Files.exists(panel)) {
                kept.add(new Figure(panel, "Swarm snapshots, ground truth and model rollouts from the same start"));
            }
            kept.addAll(StudyRuns.keptFigures(figures, prefix + "-swarm-ground-truth", ".gif",
                    "One simulated trajectory from the same start, every model step"));
            kept.addAll(StudyRuns.keptFigures(figures, prefix + "-swarm-rollout-", ".gif",
                    "One rollout, every model step"));
            return kept;
        }
        int steps = modelRows.get(0).size() - 1;
        List<Trajectory> truth = FrameRows.truth(runtime, domain, data, FigureRollouts.SAMPLES);
        for (int i = 0; i < truth.size(); i++) {
            rowLabels.add("ground truth " + (i + 1));
            rows.add(frames(truth.get(i), steps, stride));
        }
        int truthRows = rows.size();
        rowLabels.addAll(modelLabels);
        rows.addAll(modelRows);
        double extent = SwarmFrames.extentOf(rows.subList(0, truthRows).stream().flatMap(List::stream).toList());
        int last = rows.stream().mapToInt(List::size).min().orElse(1) - 1;
        int[] columns = IntStream.of(0, last / 4, last / 2, last).distinct().toArray();
        List<String> columnLabels = FrameRows.stepLabels(columns);
        List<List<SwarmFrames.Frame>> picked = FrameRows.pick(rows, columns);
        SwarmFrames.panel(panel, "Swarms from one start: ground truth and model rollouts", rowLabels, columnLabels,
                picked, extent);
        kept.add(new Figure(panel, "Particles (dots) and their velocities (lines) at model steps " + columnLabels
                + ", each frame centred on its swarm's centroid at one scale: two ground-truth trajectories and two"
                + " rollouts of each model, all from the shared start of " + FigureRollouts.SPLIT
                + " (first training seed); a frame counts the particles outside its view"));
        Path truthGif = figures.resolve(prefix + "-swarm-ground-truth.gif");
        SwarmFrames.gif(truthGif, "ground truth", rows.get(0), extent, GIF_DELAY_MILLIS);
        kept.add(new Figure(truthGif, "One simulated trajectory from the same start, every model step"));
        Path gif = figures.resolve(prefix + "-swarm-rollout-" + StudyRuns.safe(gifArm) + ".gif");
        SwarmFrames.gif(gif, gifArm + " rollout", rows.get(truthRows), extent, GIF_DELAY_MILLIS);
        kept.add(new Figure(gif, "One rollout of " + gifArm + ", every model step"));
        return kept;
    }

    /** Kept rollouts (samples, steps + 1, N, 4) as frames: one list of frames per sample. */
    static List<List<SwarmFrames.Frame>> read(Path file) throws IOException {
        NpyArray a = Npy.read(file);
        long[] s = a.shape();
        if (s.length != 4 || s[3] != 4) {
            throw new IOException(file + " holds an array of shape " + Arrays.toString(s)
                    + ", not swarm rollouts (samples, steps + 1, N, 4)");
        }
        float[] values = a.toFloatArray();
        int n = (int) s[2];
        List<List<SwarmFrames.Frame>> out = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < s[0]; i++) {
            List<SwarmFrames.Frame> frames = new ArrayList<>();
            for (int f = 0; f < s[1]; f++) {
                frames.add(frame(values, offset, n));
                offset += n * 4;
            }
            out.add(frames);
        }
        return out;
    }

    /** Frames 0, k, 2k, ..., steps k of a trajectory of (N, 4) frames, k = {@code stride}. */
    static List<SwarmFrames.Frame> frames(Trajectory t, int steps, int stride) {
        if (steps * stride >= t.length()) {
            throw new IllegalArgumentException("a trajectory of " + t.length() + " frames is shorter than " + steps
                    + " model steps of " + stride + " frames");
        }
        float[] buffer = new float[t.frameSize()];
        List<SwarmFrames.Frame> out = new ArrayList<>();
        for (int s = 0; s <= steps; s++) {
            t.copyFrame(s * stride, buffer, 0);
            out.add(frame(buffer, 0, buffer.length / 4));
        }
        return out;
    }

    private static SwarmFrames.Frame frame(float[] values, int offset, int n) {
        double[] x = new double[n];
        double[] y = new double[n];
        double[] vx = new double[n];
        double[] vy = new double[n];
        for (int i = 0; i < n; i++) {
            int k = offset + i * 4;
            x[i] = values[k];
            y[i] = values[k + 1];
            vx[i] = values[k + 2];
            vy[i] = values[k + 3];
        }
        return new SwarmFrames.Frame(x, y, vx, vy);
    }
}
