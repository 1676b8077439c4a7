package org.epnsj.conformance;

import org.epnsj.api.group.DoubleTensor;

/** Seeded input generators of the kit's tests. */
final class FixtureInputs {

    private FixtureInputs() {}

    /** Standard normal samples of the given shape. */
    static SampleGenerator gaussian(long... shape) {
        return rng -> {
            DoubleTensor t = DoubleTensor.zeros(shape);
            for (int i = 0; i < t.size(); i++) {
                t.data()[i] = rng.nextGaussian();
            }
            return t;
        };
    }

    /** A (length, 1) grid of labels 0..3 (0 the background). */
    static SampleGenerator labelGrid(int length) {
        return rng -> {
            DoubleTensor t = DoubleTensor.zeros(length, 1);
            for (int i = 0; i < length; i++) {
                t.data()[i] = rng.nextInt(4);
            }
            return t;
        };
    }
}
