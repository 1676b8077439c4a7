package org.epnsj.domain.nbody;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.DatasetPreset;
import org.epnsj.api.data.SplitSpec;
import org.epnsj.runtime.io.NpyTrajectoryCodec;

/**
 * Data-set sizes of the n-body domain (spec §D2, §D5) and the reference file layout.
 *
 * <p>{@code paper}: train 800, val 100, test 100, test_same_init 100 (one shared x_0) trajectories of
 * 1001 frames, test_long 50 of 5001 frames. {@code cpu} keeps the frame counts at a tenth of the
 * trajectories (test_long 10 of 2001 frames) but all 100 of test_same_init: the energy KS statistics
 * compare distributions of that many truth samples, and with 20 a perfect model's statistic already
 * averages about 0.2. {@code small} has full-length trajectories but few of
 * them, for the demo. {@code tiny} is for tests: a handful of 101-frame trajectories.
 */
public final class NBodyPresets {

    /** Frames per trajectory in the paper-scale splits (10 time units). */
    public static final int FRAMES = 1001;
    /** Frames per trajectory of the paper-scale {@code test_long} split (50 time units). */
    public static final int LONG_FRAMES = 5001;

    private NBodyPresets() {
    }

    /** The paper-scale preset. */
    public static DatasetPreset paper() {
        return preset("paper", 800, 100, 100, 100, FRAMES, 50, LONG_FRAMES);
    }

    /** A preset small enough to generate and train on 2 CPU cores. */
    public static DatasetPreset cpu() {
        return preset("cpu", 80, 10, 10, 100, FRAMES, 10, 2001);
    }

    /**
     * A preset for the demo: full-length trajectories (so the KS steps 24, 49 and 99 exist) but few
     * of them.
     */
    public static DatasetPreset small() {
        return preset("small", 16, 4, 4, 20, FRAMES, 4, 1001);
    }

    /** A preset for tests. */
    public static DatasetPreset tiny() {
        return preset("tiny", 4, 2, 2, 4, 101, 2, 201);
    }

    /** All presets, smallest first. */
    public static List<DatasetPreset> all() {
        return List.of(tiny(), small(), cpu(), paper());
    }

    /**
     * The codec of the reference files: one {@code .npy} per trajectory of shape (bodies, 7, T),
     * held in memory as frames (T, bodies, 7).
     */
    public static NpyTrajectoryCodec codec(int bodies) {
        if (bodies < 1) {
            throw new IllegalArgumentException("bodies must be >= 1, got " + bodies);
        }
        return new NpyTrajectoryCodec(new long[] {bodies, StochasticNBodySimulator.CHANNELS}, new int[] {2, 0, 1});
    }

    private static DatasetPreset preset(String name, int train, int val, int test, int sameInit, int frames,
            int longCount, int longFrames) {
        Map<String, SplitSpec> s = new LinkedHashMap<>();
        s.put("train", new SplitSpec(train, frames, false));
        s.put("val", new SplitSpec(val, frames, false));
        s.put("test", new SplitSpec(test, frames, false));
        s.put("test_same_init", new SplitSpec(sameInit, frames, true));
        s.put("test_long", new SplitSpec(longCount, longFrames, false));
        return new DatasetPreset(name, s);
    }
}
