package org.epnsj.runtime.rollout;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.epnsj.api.model.NoiseSource;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.engine.HostArrays;

/**
 * The noise of an ensemble of rollouts, drawn so that any split of the ensemble into whole chunks of
 * {@link #CHUNK} members draws the same numbers: members {@code [c * CHUNK, (c + 1) * CHUNK)} draw from
 * chunk {@code c}'s own generator, seeded with {@link #chunkSeed}. Every draw must have the ensemble
 * as its first axis. Chunk 0's generator is {@code new SplittableRandom(ensembleSeed)}, so an ensemble of
 * at most {@link #CHUNK} members draws exactly what {@code new SeededNoise(ensembleSeed)} draws.
 */
public final class EnsembleNoise implements NoiseSource {

    /**
     * Members per chunk: the unit of work that can go to another thread or machine. The evaluators'
     * ensembles have at most 100 members, so each is one chunk and draws what {@link SeededNoise} draws:
     * their figures are the same with and without Spark and the same as before chunking existed, and a
     * chunk still batches all its members through the model at once.
     */
    public static final int CHUNK = 100;

    private final int firstMember;
    private final int members;
    private final SplittableRandom[] generators;

    /**
     * The noise of members {@code firstMember .. firstMember + members - 1} of the ensemble seeded with
     * {@code ensembleSeed}.
     *
     * @throws IllegalArgumentException unless {@code firstMember} starts a chunk and {@code members >= 1}
     */
    public EnsembleNoise(long ensembleSeed, int firstMember, int members) {
        if (firstMember < 0 || firstMember % CHUNK != 0 || members < 1) {
            throw new IllegalArgumentException("an ensemble share starts at a multiple of " + CHUNK
                    + " and has members; got firstMember " + firstMember + ", members " + members);
        }
        this.firstMember = firstMember;
        this.members = members;
        int first = firstMember / CHUNK;
        int last = (firstMember + members - 1) / CHUNK;
        this.generators = new SplittableRandom[last - first + 1];
        for (int c = first; c <= last; c++) {
            generators[c - first] = new SplittableRandom(chunkSeed(ensembleSeed, c));
        }
    }

    /** The seed of chunk {@code chunk}'s generator. */
    public static long chunkSeed(long ensembleSeed, int chunk) {
        return chunk == 0 ? ensembleSeed : SeededNoise.mix(ensembleSeed, chunk);
    }

    @Override
    public NDArray normal(NDManager manager, Shape shape, DataType dataType) {
        return draw(manager, shape, dataType, SplittableRandom::nextGaussian);
    }

    @Override
    public NDArray uniform(NDManager manager, Shape shape, DataType dataType) {
        return draw(manager, shape, dataType, SplittableRandom::nextDouble);
    }

    private NDArray draw(NDManager manager, Shape shape, DataType dataType, ToDoubleFunction<SplittableRandom> value) {
        if (shape.dimension() == 0 || shape.get(0) != members) {
            throw new IllegalStateException("ensemble noise is drawn per member: a draw's first axis must be the "
                    + members + " members, got shape " + shape);
        }
        int n = Math.toIntExact(shape.size());
        int perMember = n / members;
        double[] v = new double[n];
        for (int m = 0; m < members; m++) {
            SplittableRandom rng = generators[(firstMember + m) / CHUNK - firstMember / CHUNK];
            for (int k = 0; k < perMember; k++) {
                v[m * perMember + k] = value.applyAsDouble(rng);
            }
        }
        if (dataType == DataType.FLOAT64) {
            return HostArrays.of(manager, v, shape);
        }
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) v[i];
        }
        return HostArrays.of(manager, f, shape).toType(dataType, false);
    }
}
