package org.epnsj.domain.flocking;

import java.util.LinkedHashMap;
import java.util.Map;
import org.epnsj.api.data.DatasetPreset;
import org.epnsj.api.data.SplitSpec;
import org.epnsj.runtime.io.NpyTrajectoryCodec;

/**
 * Data-set sizes of the flocking domain. Every preset uses the physics of
 * {@link FlockingConfig#standard}; a frame is saved every 0.1 time units and a model step spans
 * {@link FlockingDomain#STRIDE} frames (0.5 time units).
 *
 * <ul>
 *   <li>{@code tiny} (tests): N = 16; train 4, val 2, test 2, test_same_init 4 trajectories of 41
 *       frames (8 model steps), test_long 2 of 81.
 *   <li>{@code cpu}: N = 16; train 64, val 8, test 8, test_same_init 32 trajectories of 101 frames
 *       (10 time units, 20 model steps: the ordering transient and the flock that follows), test_long
 *       8 of 401 (80 model steps).
 *   <li>{@code paper} (a GPU): N = 64; train 800, val 100, test 100, test_same_init 100 of 201 frames,
 *       test_long 50 of 1001.
 * </ul>
 */
public final class FlockingPresets {

    private FlockingPresets() {}

    /** The number of particles of a preset. */
    public static int particles(String preset) {
        return switch (preset) {
            case "tiny", "cpu" -> 16;
            case "paper" -> 64;
            default -> throw new IllegalArgumentException("no flocking preset '" + preset + "'");
        };
    }

    /** A preset for tests. */
    public static DatasetPreset tiny() {
        return preset("tiny", 4, 2, 2, 4, 41, 2, 81);
    }

    /** A preset small enough to generate in seconds and train on one CPU core. */
    public static DatasetPreset cpu() {
        return preset("cpu", 64, 8, 8, 32, 101, 8, 401);
    }

    /** The paper-scale preset. */
    public static DatasetPreset paper() {
        return preset("paper", 800, 100, 100, 100, 201, 50, 1001);
    }

    /**
     * The codec: one float32 {@code .npy} per trajectory of shape (N, 4, T), channels [x, y, vx, vy],
     * the axis order of the n-body files; held in memory as frames (T, N, 4).
     */
    public static NpyTrajectoryCodec codec() {
        return new NpyTrajectoryCodec(new long[] {-1, FlockingSimulator.CHANNELS}, new int[] {2, 0, 1});
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
