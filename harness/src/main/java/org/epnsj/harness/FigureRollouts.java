package org.epnsj.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.epnsj.api.data.Trajectory;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.app.LoadedRun;
import org.epnsj.runtime.io.DatasetFolder;
import org.epnsj.runtime.io.Npy;
import org.epnsj.runtime.io.NpyArray;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.rollout.RolloutDivergedException;
import org.epnsj.runtime.rollout.RolloutSampler;

/**
 * Rollouts kept for the report's frame figures ({@link FigureKind#CELL_FRAMES}, {@link
 * FigureKind#SWARM_FRAMES}): a few samples from the shared start of {@value #SPLIT}, one frame per
 * model step, stored in the run folder: cell grids as int32 {@code .npy} (samples, steps + 1, H, W, 2)
 * of (id, type), particles in the plane as float32 (samples, steps + 1, N, 4) of (x, y, vx, vy).
 */
public final class FigureRollouts {

    /** The file in the run folder. */
    public static final String FILE_NAME = "rollouts-test_same_init.npy";
    /** Rollouts kept per model. */
    public static final int SAMPLES = 2;
    /** The split whose shared start the rollouts begin at. */
    public static final String SPLIT = "test_same_init";
    private static final long SEED = 7;

    private FigureRollouts() {}

    /** Whether frames of this shape are cell grids: (H, W, 2). */
    public static boolean isCellGrid(long[] frameShape) {
        return frameShape.length == 3 && frameShape[2] == 2;
    }

    /** Whether frames of this shape are particles in the plane: (N, 4) of (x, y, vx, vy). */
    public static boolean isPlanarParticles(long[] frameShape) {
        return frameShape.length == 2 && frameShape[1] == 4;
    }

    /**
     * Samples rollouts of the run's best checkpoint over the whole start trajectory, one frame per model
     * step, and writes them to {@code out}.
     *
     * @return whether a file was written: not for frames that are neither cell grids nor planar
     *     particles, nor when a rollout diverged (a non-finite state)
     */
    static boolean sample(EpnsRuntime runtime, Path run, Path data, Path out) throws IOException {
        try (LoadedRun loaded = runtime.load(run, "best")) {
            Trajectory start = DatasetFolder.open(data, loaded.domain().codec()).read(SPLIT).get(0);
            boolean cells = isCellGrid(start.frameShape());
            if (!cells && !isPlanarParticles(start.frameShape())) {
                return false;
            }
            int steps = (start.length() - 1) / loaded.config().training().stride();
            RolloutSampler sampler = new RolloutSampler(loaded.model(), loaded.config().training().rolloutReadout());
            List<Trajectory> rollouts;
            try {
                rollouts = sampler.sample(loaded.manager(), start, 0, steps, SAMPLES, SeededNoise.forStream(SEED));
            } catch (RolloutDivergedException e) {
                return false;
            }
            write(out, rollouts, cells);
            return true;
        }
    }

    static void write(Path out, List<Trajectory> rollouts, boolean ints) throws IOException {
        Trajectory first = rollouts.get(0);
        int size = first.frameSize();
        int total = rollouts.size() * first.length() * size;
        int[] intValues = ints ? new int[total] : null;
        float[] floatValues = ints ? null : new float[total];
        float[] frame = new float[size];
        int offset = 0;
        for (Trajectory t : rollouts) {
            for (int f = 0; f < t.length(); f++) {
                t.copyFrame(f, frame, 0);
                if (ints) {
                    for (float v : frame) {
                        intValues[offset++] = Math.round(v);
                    }
                } else {
                    System.arraycopy(frame, 0, floatValues, offset, size);
                    offset += size;
                }
            }
        }
        long[] fs = first.frameShape();
        long[] shape = new long[2 + fs.length];
        shape[0] = rollouts.size();
        shape[1] = first.length();
        System.arraycopy(fs, 0, shape, 2, fs.length);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Npy.write(out, ints ? NpyArray.ofInts(shape, intValues) : NpyArray.ofFloats(shape, floatValues));
    }
}
