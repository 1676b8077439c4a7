package org.epnsj.domain.flocking;

import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * Summary statistics of one flock frame, (N, 4) row-major with channels [x, y, vx, vy]. A frame with
 * a non-finite value gives NaN (and {@link #components} gives -1).
 */
public final class FlockStatistics {

    private FlockStatistics() {}

    /** The number of particles of a frame; rejects lengths that are not a whole number of particles. */
    static int particles(double[] frame) {
        if (frame.length == 0 || frame.length % FlockingSimulator.CHANNELS != 0) {
            throw new IllegalArgumentException("a flock frame needs 4 values [x, y, vx, vy] per particle, got "
                    + frame.length + " values");
        }
        return frame.length / FlockingSimulator.CHANNELS;
    }

    private static boolean finite(double[] frame) {
        for (double v : frame) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The polarisation |(1/N) Σ_i v_i / |v_i||, in [0, 1]: 1 when every particle heads the same way, near
     * 0 for random headings. A particle at rest has no heading and counts as 0.
     */
    public static double polarisation(double[] frame) {
        int n = particles(frame);
        if (!finite(frame)) {
            return Double.NaN;
        }
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < n; i++) {
            double vx = frame[i * 4 + 2];
            double vy = frame[i * 4 + 3];
            double speed = Math.hypot(vx, vy);
            if (speed > 0) {
                sx += vx / speed;
                sy += vy / speed;
            }
        }
        return Math.hypot(sx, sy) / n;
    }

    /** The mean over particles of the distance to the nearest other particle. */
    public static double meanNearestNeighbourDistance(double[] frame) {
        int n = particles(frame);
        if (n < 2) {
            throw new IllegalArgumentException("nearest-neighbour distances need at least 2 particles, got " + n);
        }
        if (!finite(frame)) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    nearest = Math.min(nearest, distance(frame, i, j));
                }
            }
            sum += nearest;
        }
        return sum / n;
    }

    /** The swarm radius sqrt((1/N) Σ_i |x_i − c|²), c the centroid. */
    public static double radius(double[] frame) {
        int n = particles(frame);
        if (!finite(frame)) {
            return Double.NaN;
        }
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < n; i++) {
            cx += frame[i * 4] / n;
            cy += frame[i * 4 + 1] / n;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double dx = frame[i * 4] - cx;
            double dy = frame[i * 4 + 1] - cy;
            sum += dx * dx + dy * dy;
        }
        return Math.sqrt(sum / n);
    }

    /**
     * The number of connected components of the graph joining particles closer than
     * {@code interactionRadius}; -1 for a non-finite frame.
     */
    public static int components(double[] frame, double interactionRadius) {
        int n = particles(frame);
        if (!(interactionRadius > 0)) {
            throw new IllegalArgumentException("interactionRadius must be > 0, got " + interactionRadius);
        }
        if (!finite(frame)) {
            return -1;
        }
        Graph<Integer, DefaultEdge> graph = new SimpleGraph<>(DefaultEdge.class);
        for (int i = 0; i < n; i++) {
            graph.addVertex(i);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (distance(frame, i, j) < interactionRadius) {
                    graph.addEdge(i, j);
                }
            }
        }
        return new ConnectivityInspector<>(graph).connectedSets().size();
    }

    private static double distance(double[] frame, int i, int j) {
        return Math.hypot(frame[i * 4] - frame[j * 4], frame[i * 4 + 1] - frame[j * 4 + 1]);
    }

    /** A float32 frame widened to float64. */
    static double[] widen(float[] frame) {
        double[] out = new double[frame.length];
        for (int i = 0; i < frame.length; i++) {
            out[i] = frame[i];
        }
        return out;
    }
}
