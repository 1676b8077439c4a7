package org.epnsj.runtime.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.Trajectory;

/** Seeded planar AR(1) trajectories for runtime tests. */
public final class RandomWalks {

    private RandomWalks() {}

    /** {@code count} trajectories of {@code frames} frames, x' = 0.8 x + 0.2 eps. */
    public static List<Trajectory> generate(int count, int frames, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Trajectory> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] d = new float[2 * frames];
            double x = rng.nextGaussian();
            double y = rng.nextGaussian();
            for (int t = 0; t < frames; t++) {
                d[2 * t] = (float) x;
                d[2 * t + 1] = (float) y;
                x = 0.8 * x + 0.2 * rng.nextGaussian();
                y = 0.8 * y + 0.2 * rng.nextGaussian();
            }
            out.add(new FloatTrajectory(new long[] {2}, frames, d));
        }
        return out;
    }
}
