package org.epnsj.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.epnsj.api.group.DoubleTensor;

/** Draws one input sample (no batch axis, float64) of an action or a model. */
@FunctionalInterface
public interface SampleGenerator {

    /** One sample; deterministic for a given generator state. */
    DoubleTensor sample(RandomGenerator rng);

    /** {@code count} samples from a generator seeded with {@code seed}: input i replays as the i-th draw. */
    default List<DoubleTensor> draw(int count, long seed) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive, got " + count);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<DoubleTensor> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(sample(rng));
        }
        return out;
    }
}
