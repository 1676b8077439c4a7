package org.epnsj.cli.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.epnsj.api.data.Trajectory;
import org.epnsj.cli.report.CellFrames;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.app.LoadedRun;
import org.epnsj.runtime.io.DatasetFolder;
import org.epnsj.runtime.io.Npy;
import org.epnsj.runtime.io.NpyArray;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.rollout.RolloutSampler;

/**
 * Rollouts of cell models kept for the figures: a few samples from the shared start of
 * {@code test_same_init}, stored as int32 {@code .npy} (samples, frames, H, W, 2) of (id, type).
 */
final class CellRollouts {

    /** Rollouts kept per model. */
    static final int SAMPLES = 2;
    private static final String SPLIT = "test_same_init";
    private static final long SEED = 7;

    private CellRollouts() {}

    /** Whether frames of this shape are cell grids: (H, W, 2). */
    static boolean isCellGrid(long[] frameShape) {
        return frameShape.length == 3 && frameShape[2] == 2;
    }

    /** Samples rollouts of the run's best checkpoint and writes them to {@code out}. */
    static void sample(EpnsRuntime runtime, Path run, Path data, Path out) throws IOException {
        try (LoadedRun loaded = runtime.load(run, "best")) {
            Trajectory start = DatasetFolder.open(data, loaded.domain().codec()).read(SPLIT).get(0);
            if (!isCellGrid(start.frameShape())) {
                return;
            }
            RolloutSampler sampler = new RolloutSampler(loaded.model(), loaded.config().training().rolloutReadout());
            List<Trajectory> rollouts = sampler.sample(loaded.manager(), start, 0, start.length() - 1, SAMPLES,
                    SeededNoise.forStream(SEED));
            write(out, rollouts);
        }
    }

    /** The first {@code n} trajectories of {@code test_same_init} (the truth the rollouts are compared to). */
    static List<Trajectory> truth(EpnsRuntime runtime, String domain, Path data, int n) throws IOException {
        List<Trajectory> all = DatasetFolder.open(data, runtime.plugins().domain(domain).codec()).read(SPLIT);
        return all.subList(0, Math.min(n, all.size()));
    }

    static void write(Path out, List<Trajectory> rollouts) throws IOException {
        Trajectory first = rollouts.get(0);
        int size = first.frameSize();
        int[] values = new int[rollouts.size() * first.length() * size];
        float[] frame = new float[size];
        int offset = 0;
        for (Trajectory t : rollouts) {
            for (int f = 0; f < t.length(); f++) {
                t.copyFrame(f, frame, 0);
                for (float v : frame) {
                    values[offset++] = Math.round(v);
                }
            }
        }
        long[] fs = first.frameShape();
        Files.createDirectories(out.toAbsolutePath().getParent());
        Npy.write(out, NpyArray.ofInts(new long[] {rollouts.size(), first.length(), fs[0], fs[1], fs[2]}, values));
    }

    /** Reads stored rollouts as frames: one list of frames per sample. */
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

    /** The frames of a trajectory. */
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
