package org.epnsj.runtime.noise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.epnsj.api.model.NoiseSource;
import org.epnsj.runtime.engine.HostArrays;

/**
 * Noise drawn on the Java side from a {@link SplittableRandom}: identical on every engine, and
 * reproducible from (seed, stream) so a resumed run continues exactly where it stopped.
 */
public final class SeededNoise implements NoiseSource {

    private final SplittableRandom rng;

    /** Noise from a generator seeded with {@code seed}. */
    public SeededNoise(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    /**
     * Noise for one stream of a run, e.g. (seed, epoch): streams with different indices are
     * statistically independent.
     */
    public static SeededNoise forStream(long seed, long... stream) {
        return new SeededNoise(mix(seed, stream));
    }

    /** Mixes a seed with stream indices (SplitMix64 finaliser per step). */
    public static long mix(long seed, long... stream) {
        long h = seed;
        for (long s : stream) {
            h = finalise(h ^ finalise(s + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The underlying generator, for Java-side draws (shuffles, start times). */
    public SplittableRandom random() {
        return rng;
    }

    @Override
    public NDArray normal(NDManager manager, Shape shape, DataType dataType) {
        return draw(manager, shape, dataType, rng::nextGaussian);
    }

    @Override
    public NDArray uniform(NDManager manager, Shape shape, DataType dataType) {
        return draw(manager, shape, dataType, rng::nextDouble);
    }

    private static NDArray draw(NDManager manager, Shape shape, DataType dataType, DoubleSupplier values) {
        int n = Math.toIntExact(shape.size());
        if (dataType == DataType.FLOAT64) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = values.getAsDouble();
            }
            return HostArrays.of(manager, v, shape);
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) values.getAsDouble();
        }
        return HostArrays.of(manager, v, shape).toType(dataType, false);
    }
}
