package org.epnsj.domain.nbody;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.GroundTruthSimulator;
import org.epnsj.api.group.DoubleTensor;

/**
 * The ground-truth stochastic n-body system of spec §D2.
 *
 * <p>States are (n, 7) with channels [m, x, y, z, vx, vy, vz]. Dynamics: dx = v dt,
 * dv = a(x) dt + σ dW with a_i = G Σ_{j≠i} m_j (x_j − x_i) / (|x_j − x_i|² + ε²)^{3/2}.
 *
 * <p>Integrator, per step of length dt (kick-drift-kick leapfrog, Euler–Maruyama noise in each kick):
 * <pre>
 *   v += a(x) dt/2 + σ sqrt(dt/2) ξ₁
 *   x += v dt
 *   v += a(x) dt/2 + σ sqrt(dt/2) ξ₂
 * </pre>
 * with ξ₁, ξ₂ independent standard normal vectors, so each step adds velocity noise of variance
 * σ² dt per coordinate, as the Wiener increment σ dW over dt. Normals are drawn body by body, x then
 * y then z, first half-kick before second; with σ = 0 none are drawn. a(x) is evaluated once per
 * step (the second kick's value is reused by the next first kick).
 *
 * <p>Initial states draw, in this order, n masses U(0.5, 1.5), n positions N(0, I), n velocities
 * N(0, 0.5² I); then the mass-weighted centre of mass is moved to the origin and its velocity is
 * removed. The simulator is deterministic for a given generator state and, since the noise is
 * isotropic and the forces are pairwise and central, exactly E(3) × S_n-equivariant in distribution.
 */
public final class StochasticNBodySimulator implements GroundTruthSimulator {

    /** Channels per body: mass, position (3), velocity (3). */
    public static final int CHANNELS = 7;
    /** Lower bound of the mass distribution. */
    public static final double MASS_MIN = 0.5;
    /** Upper bound of the mass distribution. */
    public static final double MASS_MAX = 1.5;
    /** Standard deviation of the initial positions per coordinate. */
    public static final double POSITION_SD = 1.0;
    /** Standard deviation of the initial velocities per coordinate. */
    public static final double VELOCITY_SD = 0.5;

    private final NBodyConfig config;

    /** A simulator with the given parameters. */
    public StochasticNBodySimulator(NBodyConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    /** A simulator with the spec's parameters ({@link NBodyConfig#standard()}). */
    public StochasticNBodySimulator() {
        this(NBodyConfig.standard());
    }

    /** The parameters. */
    public NBodyConfig config() {
        return config;
    }

    @Override
    public DoubleTensor initialState(RandomGenerator rng) {
        int n = config.bodies();
        double[] s = new double[n * CHANNELS];
        for (int i = 0; i < n; i++) {
            s[i * CHANNELS] = MASS_MIN + (MASS_MAX - MASS_MIN) * rng.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                s[i * CHANNELS + 1 + k] = POSITION_SD * rng.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                s[i * CHANNELS + 4 + k] = VELOCITY_SD * rng.nextGaussian();
            }
        }
        double totalMass = 0;
        double[] com = new double[6];
        for (int i = 0; i < n; i++) {
            double m = s[i * CHANNELS];
            totalMass += m;
            for (int k = 0; k < 6; k++) {
                com[k] += m * s[i * CHANNELS + 1 + k];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 6; k++) {
                s[i * CHANNELS + 1 + k] -= com[k] / totalMass;
            }
        }
        return new DoubleTensor(new long[] {n, CHANNELS}, s);
    }

    @Override
    public FloatTrajectory simulate(DoubleTensor initial, int frames, RandomGenerator rng) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        checkState(initial);
        int n = config.bodies();
        int size = n * CHANNELS;
        float[] out = new float[Math.multiplyExact(frames, size)];
        double[] state = initial.data();
        Integrator integrator = new Integrator(config, state);
        integrator.store(out, 0);
        int steps = config.stepsPerFrame();
        for (int f = 1; f < frames; f++) {
            integrator.run(steps, rng);
            integrator.store(out, f * size);
        }
        return new FloatTrajectory(new long[] {n, CHANNELS}, frames, out);
    }

    /**
     * Advances a float64 state in place by {@code steps} integrator steps (the same arithmetic and
     * random draws as {@link #simulate}); for diagnostics that must not see float32 rounding.
     *
     * @param state (n, 7) row-major, overwritten
     */
    public void advance(double[] state, int steps, RandomGenerator rng) {
        checkState(new DoubleTensor(new long[] {state.length / CHANNELS, CHANNELS}, state));
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        Integrator integrator = new Integrator(config, state);
        integrator.run(steps, rng);
        integrator.storeDouble(state);
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = config.asMap();
        m.put("integrator", "kick-drift-kick leapfrog, Euler-Maruyama noise sigma*sqrt(dt/2) in each half-kick");
        m.put("massDistribution", "U(" + MASS_MIN + ", " + MASS_MAX + ")");
        m.put("positionDistribution", "N(0, " + POSITION_SD + "^2 I), centre of mass at 0");
        m.put("velocityDistribution", "N(0, " + VELOCITY_SD + "^2 I), centre-of-mass velocity removed");
        return m;
    }

    private void checkState(DoubleTensor x) {
        long[] shape = x.shape();
        if (shape.length != 2 || shape[0] != config.bodies() || shape[1] != CHANNELS) {
            throw new IllegalArgumentException("initial state must have shape (" + config.bodies() + ", " + CHANNELS
                    + "), got " + java.util.Arrays.toString(shape));
        }
        double[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException("initial state has a non-finite value " + d[i] + " at body "
                        + i / CHANNELS + ", channel " + i % CHANNELS);
            }
            if (i % CHANNELS == 0 && !(d[i] > 0)) {
                throw new IllegalArgumentException("mass of body " + i / CHANNELS + " must be > 0, got " + d[i]);
            }
        }
    }

    /** The integrator's working arrays; nothing is allocated per step. */
    private static final class Integrator {
        private final int n;
        private final double gravity;
        private final double eps2;
        private final double dt;
        private final double halfDt;
        private final double halfKickNoise;
        private final double[] m;
        private final double[] x;
        private final double[] v;
        private final double[] a;

        Integrator(NBodyConfig c, double[] state) {
            n = c.bodies();
            gravity = c.gravity();
            eps2 = c.softening() * c.softening();
            dt = c.timeStep();
            halfDt = 0.5 * dt;
            halfKickNoise = c.noiseScale() * Math.sqrt(0.5 * dt);
            m = new double[n];
            x = new double[3 * n];
            v = new double[3 * n];
            a = new double[3 * n];
            for (int i = 0; i < n; i++) {
                m[i] = state[i * CHANNELS];
                for (int k = 0; k < 3; k++) {
                    x[3 * i + k] = state[i * CHANNELS + 1 + k];
                    v[3 * i + k] = state[i * CHANNELS + 4 + k];
                }
            }
            accelerate();
        }

        void run(int steps, RandomGenerator rng) {
            int len = 3 * n;
            for (int s = 0; s < steps; s++) {
                kick(rng);
                for (int k = 0; k < len; k++) {
                    x[k] += dt * v[k];
                }
                accelerate();
                kick(rng);
            }
        }

        private void kick(RandomGenerator rng) {
            int len = 3 * n;
            if (halfKickNoise == 0) {
                for (int k = 0; k < len; k++) {
                    v[k] += halfDt * a[k];
                }
            } else {
                for (int k = 0; k < len; k++) {
                    v[k] += halfDt * a[k] + halfKickNoise * rng.nextGaussian();
                }
            }
        }

        private void accelerate() {
            java.util.Arrays.fill(a, 0);
            if (gravity == 0) {
                return;
            }
            for (int i = 0; i < n; i++) {
                double xi = x[3 * i];
                double yi = x[3 * i + 1];
                double zi = x[3 * i + 2];
                for (int j = i + 1; j < n; j++) {
                    double dx = x[3 * j] - xi;
                    double dy = x[3 * j + 1] - yi;
                    double dz = x[3 * j + 2] - zi;
                    double r2 = dx * dx + dy * dy + dz * dz + eps2;
                    double inv = gravity / (r2 * Math.sqrt(r2));
                    double fi = m[j] * inv;
                    double fj = m[i] * inv;
                    a[3 * i] += fi * dx;
                    a[3 * i + 1] += fi * dy;
                    a[3 * i + 2] += fi * dz;
                    a[3 * j] -= fj * dx;
                    a[3 * j + 1] -= fj * dy;
                    a[3 * j + 2] -= fj * dz;
                }
            }
        }

        void store(float[] out, int offset) {
            for (int i = 0; i < n; i++) {
                int o = offset + i * CHANNELS;
                out[o] = (float) m[i];
                for (int k = 0; k < 3; k++) {
                    out[o + 1 + k] = (float) x[3 * i + k];
                    out[o + 4 + k] = (float) v[3 * i + k];
                }
            }
        }

        void storeDouble(double[] out) {
            for (int i = 0; i < n; i++) {
                int o = i * CHANNELS;
                out[o] = m[i];
                for (int k = 0; k < 3; k++) {
                    out[o + 1 + k] = x[3 * i + k];
                    out[o + 4 + k] = v[3 * i + k];
                }
            }
        }
    }
}
