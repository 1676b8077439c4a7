package org.epnsj.domain.flocking;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.GroundTruthSimulator;
import org.epnsj.api.group.DoubleTensor;

/**
 * Self-propelled particles in free 2-D space with alignment, short-range repulsion, long-range
 * attraction and angular noise: a continuous-time flocking model of the Vicsek / Couzin family, with
 * the soft-core Morse interaction of D'Orsogna et al. (2006) and Cucker–Smale-type alignment.
 *
 * <p>States are (N, 4) with channels [x, y, vx, vy]. For particle i, in Itô form:
 * <pre>
 *   dx_i = v_i dt
 *   dv_i = [ α (1 − |v_i|² / v0²) v_i                          self-propulsion toward speed v0
 *          + K (Σ_j w_ij v_j / Σ_j w_ij − v_i)                 alignment, w_ij = exp(−r_ij² / (2 ℓ_al²)), j = i included
 *          + Σ_{j≠i} (U_r(r_ij) / ℓ_r − U_a(r_ij) / ℓ_a) (x_i − x_j) / r_ij ] dt    Morse: −∇U
 *          + σ J v_i dW_i                                      angular noise
 * </pre>
 * with U_r(r) = C_r e^{−r/ℓ_r}, U_a(r) = C_a e^{−r/ℓ_a}, J the quarter turn (x, y) → (−y, x) and W_i
 * independent scalar Wiener processes. The noise turns a velocity without changing its speed to first
 * order; in Itô form it adds σ²|v|² dt to |v|² per step, which the self-propulsion term pulls back.
 *
 * <p>Integrator (Euler–Maruyama, step dt): the drift is evaluated at the state at the start of the
 * step, then x += v dt and v += drift dt + σ sqrt(dt) ξ_i J v with ξ_i standard normal, drawn particle
 * by particle (none with σ = 0). Every term depends only on differences of positions, on velocities
 * and on dot products, and the noise is symmetric, so the process is E(2) × S_N-equivariant in
 * distribution.
 *
 * <p>Initial states draw, in this order, N positions uniform in the disk of radius R0 (a radius
 * R0 sqrt(u) and an angle 2πu' per particle) and N headings uniform on the circle with speed v0.
 */
public final class FlockingSimulator implements GroundTruthSimulator {

    /** Channels per particle: position (2), velocity (2). */
    public static final int CHANNELS = 4;

    /** Pairs closer than this exert no Morse force: their direction is undefined. */
    private static final double COINCIDENT = 1e-12;

    private final FlockingConfig config;

    /** A simulator with the given parameters. */
    public FlockingSimulator(FlockingConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The parameters. */
    public FlockingConfig config() {
        return config;
    }

    @Override
    public DoubleTensor initialState(RandomGenerator rng) {
        int n = config.particles();
        double[] s = new double[n * CHANNELS];
        for (int i = 0; i < n; i++) {
            double r = config.initialRadius() * Math.sqrt(rng.nextDouble());
            double a = 2 * Math.PI * rng.nextDouble();
            s[i * CHANNELS] = r * Math.cos(a);
            s[i * CHANNELS + 1] = r * Math.sin(a);
        }
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * rng.nextDouble();
            s[i * CHANNELS + 2] = config.speed() * Math.cos(a);
            s[i * CHANNELS + 3] = config.speed() * Math.sin(a);
        }
        return new DoubleTensor(new long[] {n, CHANNELS}, s);
    }

    @Override
    public FloatTrajectory simulate(DoubleTensor initial, int frames, RandomGenerator rng) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        checkState(initial.shape(), initial.data());
        int size = initial.size();
        float[] out = new float[Math.multiplyExact(frames, size)];
        double[] state = initial.data().clone();
        store(state, out, 0);
        Integrator integrator = new Integrator(config);
        for (int f = 1; f < frames; f++) {
            integrator.run(state, config.stepsPerFrame(), rng);
            store(state, out, f * size);
        }
        return new FloatTrajectory(new long[] {config.particles(), CHANNELS}, frames, out);
    }

    /**
     * Advances a float64 state in place by {@code steps} Euler–Maruyama steps (the same arithmetic and
     * random draws as {@link #simulate}).
     *
     * @param state (N, 4) row-major, overwritten
     */
    public void advance(double[] state, int steps, RandomGenerator rng) {
        checkState(new long[] {state.length / CHANNELS, CHANNELS}, state);
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        new Integrator(config).run(state, steps, rng);
    }

    /**
     * The drift of dv at {@code state}, (N, 2) row-major: what one step adds to the velocities, divided
     * by dt, before the noise.
     */
    public double[] acceleration(double[] state) {
        checkState(new long[] {state.length / CHANNELS, CHANNELS}, state);
        Integrator integrator = new Integrator(config);
        integrator.accelerate(state);
        return integrator.acceleration.clone();
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = config.asMap();
        m.put("integrator", "Euler-Maruyama: x += v dt, v += drift dt + noise sqrt(dt) xi J v");
        m.put("positionDistribution", "uniform in the disk of radius initialRadius");
        m.put("velocityDistribution", "speed v0, heading uniform on the circle");
        return m;
    }

    private void checkState(long[] shape, double[] d) {
        if (shape.length != 2 || shape[0] != config.particles() || shape[1] != CHANNELS
                || d.length != config.particles() * CHANNELS) {
            throw new IllegalArgumentException("state must have shape (" + config.particles() + ", " + CHANNELS
                    + "), got " + Arrays.toString(shape) + " with " + d.length + " values");
        }
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException("state has a non-finite value " + d[i] + " at particle "
                        + i / CHANNELS + ", channel " + i % CHANNELS);
            }
        }
    }

    private static void store(double[] state, float[] out, int offset) {
        for (int k = 0; k < state.length; k++) {
            out[offset + k] = (float) state[k];
        }
    }

    /** The working arrays of one simulation; nothing is allocated per step. */
    private static final class Integrator {
        private final FlockingConfig c;
        private final int n;
        private final double[] acceleration;
        private final double[] weightSum;
        private final double[] alignedVelocity;

        Integrator(FlockingConfig config) {
            this.c = config;
            this.n = config.particles();
            this.acceleration = new double[2 * n];
            this.weightSum = new double[n];
            this.alignedVelocity = new double[2 * n];
        }

        void run(double[] s, int steps, RandomGenerator rng) {
            double dt = c.timeStep();
            double kick = c.noise() * Math.sqrt(dt);
            for (int step = 0; step < steps; step++) {
                accelerate(s);
                for (int i = 0; i < n; i++) {
                    int o = i * CHANNELS;
                    double vx = s[o + 2];
                    double vy = s[o + 3];
                    s[o] += dt * vx;
                    s[o + 1] += dt * vy;
                    double turn = kick == 0 ? 0 : kick * rng.nextGaussian();
                    s[o + 2] = vx + dt * acceleration[2 * i] - turn * vy;
                    s[o + 3] = vy + dt * acceleration[2 * i + 1] + turn * vx;
                }
            }
        }

        void accelerate(double[] s) {
            double v0Squared = c.speed() * c.speed();
            double alignScale = -0.5 / (c.alignmentRange() * c.alignmentRange());
            for (int i = 0; i < n; i++) {
                int o = i * CHANNELS;
                double vx = s[o + 2];
                double vy = s[o + 3];
                double drive = c.propulsion() * (1 - (vx * vx + vy * vy) / v0Squared);
                acceleration[2 * i] = drive * vx;
                acceleration[2 * i + 1] = drive * vy;
                // The particle's own weight is exp(0) = 1.
                weightSum[i] = 1;
                alignedVelocity[2 * i] = vx;
                alignedVelocity[2 * i + 1] = vy;
            }
            for (int i = 0; i < n; i++) {
                int oi = i * CHANNELS;
                for (int j = i + 1; j < n; j++) {
                    int oj = j * CHANNELS;
                    double dx = s[oi] - s[oj];
                    double dy = s[oi + 1] - s[oj + 1];
                    double r2 = dx * dx + dy * dy;
                    double w = Math.exp(alignScale * r2);
                    weightSum[i] += w;
                    weightSum[j] += w;
                    alignedVelocity[2 * i] += w * s[oj + 2];
                    alignedVelocity[2 * i + 1] += w * s[oj + 3];
                    alignedVelocity[2 * j] += w * s[oi + 2];
                    alignedVelocity[2 * j + 1] += w * s[oi + 3];
                    double r = Math.sqrt(r2);
                    if (r > COINCIDENT) {
                        double push = (c.repulsionStrength() / c.repulsionRange() * Math.exp(-r / c.repulsionRange())
                                - c.attractionStrength() / c.attractionRange() * Math.exp(-r / c.attractionRange())) / r;
                        acceleration[2 * i] += push * dx;
                        acceleration[2 * i + 1] += push * dy;
                        acceleration[2 * j] -= push * dx;
                        acceleration[2 * j + 1] -= push * dy;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                int o = i * CHANNELS;
                acceleration[2 * i] += c.alignment() * (alignedVelocity[2 * i] / weightSum[i] - s[o + 2]);
                acceleration[2 * i + 1] += c.alignment() * (alignedVelocity[2 * i + 1] / weightSum[i] - s[o + 3]);
            }
        }
    }
}
