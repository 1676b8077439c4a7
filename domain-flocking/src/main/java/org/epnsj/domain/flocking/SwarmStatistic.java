package org.epnsj.domain.flocking;

import java.util.function.ToDoubleFunction;

/** The per-frame statistics whose distributions the evaluator compares, with their metric key stems. */
enum SwarmStatistic {
    POLARISATION("Polarisation", FlockStatistics::polarisation),
    NEAREST_NEIGHBOUR_DISTANCE("NearestNeighbourDistance", FlockStatistics::meanNearestNeighbourDistance),
    RADIUS("Radius", FlockStatistics::radius);

    final String key;
    private final ToDoubleFunction<double[]> value;

    SwarmStatistic(String key, ToDoubleFunction<double[]> value) {
        this.key = key;
        this.value = value;
    }

    /** The statistic of a float32 frame (N, 4). */
    double of(float[] frame) {
        return value.applyAsDouble(FlockStatistics.widen(frame));
    }
}
