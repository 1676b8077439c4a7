package org.example.epns.hexdrift;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.GroundTruthSimulator;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.group.DoubleTensor;

/**
 * A particle in the plane drawn to the unit ring and into six wells on it, with Gaussian noise: the
 * Euler-Maruyama chain x' = x + dt F(x) + sigma sqrt(dt) eps, eps ~ N(0, I_2), with, writing the
 * state as the complex number z,
 *
 * <pre>F(z) = z (1 - |z|^2) + beta conj(z)^5 / (1 + |z|^4).</pre>
 *
 * The first term is symmetric under every rotation; the second only under the sixth turns (for
 * w^6 = 1, conj(w z)^5 = w conj(z)^5), so the system has exactly the symmetry C6. Each step's
 * transition density is known: N(x + dt F(x), sigma^2 dt I).
 *
 * @param dt the time step, > 0
 * @param beta the strength of the six-fold term, >= 0
 * @param sigma the noise scale, > 0
 * @param initialSpread the standard deviation per coordinate of the (isotropic) initial state, > 0
 */
public record HexDriftSimulator(double dt, double beta, double sigma, double initialSpread) implements GroundTruthSimulator {

    /** Validates the parameters. */
    public HexDriftSimulator {
        if (!(dt > 0)) {
            throw new IllegalArgumentException("dt must be > 0, got " + dt);
        }
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("beta must be >= 0, got " + beta);
        }
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be > 0, got " + sigma);
        }
        if (!(initialSpread > 0)) {
            throw new IllegalArgumentException("initialSpread must be > 0, got " + initialSpread);
        }
    }

    /** The drift F at (x, y), as (Fx, Fy). */
    public double[] drift(double x, double y) {
        double r2 = x * x + y * y;
        // conj(z)^5 by repeated complex multiplication, w = conj(z) = x - i y.
        double re = x;
        double im = -y;
        for (int i = 1; i < 5; i++) {
            double nre = re * x + im * y;
            double nim = im * x - re * y;
            re = nre;
            im = nim;
        }
        double scale = beta / (1 + r2 * r2);
        return new double[] {x * (1 - r2) + scale * re, y * (1 - r2) + scale * im};
    }

    /** The standard deviation of one step's noise per coordinate, sigma sqrt(dt). */
    public double stepNoise() {
        return sigma * Math.sqrt(dt);
    }

    @Override
    public DoubleTensor initialState(RandomGenerator rng) {
        return new DoubleTensor(new long[] {2},
                new double[] {initialSpread * rng.nextGaussian(), initialSpread * rng.nextGaussian()});
    }

    @Override
    public Trajectory simulate(DoubleTensor initial, int frames, RandomGenerator rng) {
        float[] data = new float[2 * frames];
        double x = initial.data()[0];
        double y = initial.data()[1];
        double noise = stepNoise();
        for (int t = 0; t < frames; t++) {
            data[2 * t] = (float) x;
            data[2 * t + 1] = (float) y;
            double[] f = drift(x, y);
            x += dt * f[0] + noise * rng.nextGaussian();
            y += dt * f[1] + noise * rng.nextGaussian();
        }
        return new FloatTrajectory(new long[] {2}, frames, data);
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("dt", dt);
        p.put("beta", beta);
        p.put("sigma", sigma);
        p.put("initialSpread", initialSpread);
        return p;
    }
}
