package org.epnsj.domain.flocking;

import java.util.function.ToDoubleFunction;

/** The per-frame statistics whose distributions the evaluator compares, with their metric key stems. */
enum SwarmStatistic {
    POLARISATION("Polarisation", "polarisation (|mean unit velocity|)", FlockStatistics::polarisation),
    NEAREST_NEIGHBOUR_DISTANCE("NearestNeighbourDistance", "mean nearest-neighbour distance",
            FlockStatistics::meanNearestNeighbourDistance),
    RADIUS("Radius", "swarm radius (RMS distance to the centroid)", FlockStatistics::radius);

    final String key;
    /** What it is, in words, for the metric descriptions. */
    final String words;
    private final ToDoubleFunction<double[]> value;

    SwarmStatistic(String key, String words, ToDoubleFunction<double[]> value) {
        this.key = key;
        this.words = words;
        this.value = value;
    }

    /** The statistic of a float32 frame (N, 4). */
    double of(float[] frame) {
        return value.applyAsDouble(FlockStatistics.widen(frame));
    }
}
