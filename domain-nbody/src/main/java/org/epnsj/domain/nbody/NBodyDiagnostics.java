package org.epnsj.domain.nbody;

/**
 * Energy and momentum of n-body states laid out as [m, x, y, z, vx, vy, vz] per body, row-major
 * (n, 7), in float64 or float32. The potential uses the simulator's Plummer softening:
 * PE = −G Σ_{i&lt;j} m_i m_j / sqrt(r_ij² + ε²).
 */
public final class NBodyDiagnostics {

    /** Channels per body. */
    public static final int CHANNELS = 7;

    private NBodyDiagnostics() {
    }

    /** KE = ½ Σ m |v|². */
    public static double kineticEnergy(double[] state) {
        checkLength(state.length);
        double ke = 0;
        for (int o = 0; o < state.length; o += CHANNELS) {
            double v2 = state[o + 4] * state[o + 4] + state[o + 5] * state[o + 5] + state[o + 6] * state[o + 6];
            ke += 0.5 * state[o] * v2;
        }
        return ke;
    }

    /** The softened potential energy. */
    public static double potentialEnergy(double[] state, double gravity, double softening) {
        checkLength(state.length);
        int n = state.length / CHANNELS;
        double eps2 = softening * softening;
        double pe = 0;
        for (int i = 0; i < n; i++) {
            int a = i * CHANNELS;
            for (int j = i + 1; j < n; j++) {
                int b = j * CHANNELS;
                double dx = state[b + 1] - state[a + 1];
                double dy = state[b + 2] - state[a + 2];
                double dz = state[b + 3] - state[a + 3];
                pe -= gravity * state[a] * state[b] / Math.sqrt(dx * dx + dy * dy + dz * dz + eps2);
            }
        }
        return pe;
    }

    /** Kinetic plus potential energy. */
    public static double totalEnergy(double[] state, double gravity, double softening) {
        return kineticEnergy(state) + potentialEnergy(state, gravity, softening);
    }

    /** Σ m v, three components. */
    public static double[] momentum(double[] state) {
        checkLength(state.length);
        double[] p = new double[3];
        for (int o = 0; o < state.length; o += CHANNELS) {
            for (int k = 0; k < 3; k++) {
                p[k] += state[o] * state[o + 4 + k];
            }
        }
        return p;
    }

    /** The largest distance of a body from the origin (not from the centre of mass), as in spec §5.2. */
    public static double furthestDistanceFromOrigin(double[] state) {
        checkLength(state.length);
        double max = 0;
        for (int o = 0; o < state.length; o += CHANNELS) {
            double r2 = state[o + 1] * state[o + 1] + state[o + 2] * state[o + 2] + state[o + 3] * state[o + 3];
            // Written so that NaN propagates: a non-finite state has no meaningful furthest body.
            max = r2 > max || Double.isNaN(r2) ? r2 : max;
        }
        return Math.sqrt(max);
    }

    /** A float32 frame widened to float64, for the functions above. */
    public static double[] widen(float[] frame) {
        double[] d = new double[frame.length];
        for (int i = 0; i < frame.length; i++) {
            d[i] = frame[i];
        }
        return d;
    }

    private static void checkLength(int length) {
        if (length == 0 || length % CHANNELS != 0) {
            throw new IllegalArgumentException("state length must be a positive multiple of " + CHANNELS + ", got " + length);
        }
    }
}
