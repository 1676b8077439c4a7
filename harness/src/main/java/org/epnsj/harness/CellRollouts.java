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
import org.epnsj.runtime.rollout.RolloutSampler;

/**
 * Rollouts of cell models kept for the report's frame figures ({@link FigureKind#CELL_FRAMES}): a few
 * samples from the shared start of {@value #SPLIT}, stored in the run folder as int32 {@code .npy}
 * (samples, frames, H, W, 2) of (id, type).
 */
public final class CellRollouts {

    /** The file in the run folder. */
    public static final String FILE_NAME = "rollouts-test_same_init.npy";
    /** Rollouts kept per model. */
    public static final int SAMPLES = 2;
    /** The split whose shared start the rollouts begin at. */
    public static final String SPLIT = "test_same_init";
    private static final long SEED = 7;

    private CellRollouts() {}

    /** Whether frames of this shape are cell grids: (H, W, 2). */
    public static boolean isCellGrid(long[] frameShape) {
        return frameShape.length == 3 && frameShape[2] == 2;
    }

    /** Samples rollouts of the run's best checkpoint and writes them to {@code out}; nothing for other than cell grids. */
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
}
