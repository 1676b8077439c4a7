package org.epnsj.api.data;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.epnsj.api.group.DoubleTensor;

/**
 * A domain's ground-truth stochastic simulator. Deterministic for a given generator state.
 */
public interface GroundTruthSimulator {

    /** Draws an initial state x_0. */
    DoubleTensor initialState(RandomGenerator rng);

    /** Simulates {@code frames} frames starting at (and including) {@code initial}. */
    Trajectory simulate(DoubleTensor initial, int frames, RandomGenerator rng);

    /** The simulator's parameters, recorded in {@code dataset.json}. */
    Map<String, Object> parameters();
}
