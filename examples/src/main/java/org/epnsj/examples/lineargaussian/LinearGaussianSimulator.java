package org.epnsj.examples.lineargaussian;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.GroundTruthSimulator;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.group.DoubleTensor;

/**
 * The rotation-symmetric linear-Gaussian system x_{t+1} = a x_t + sigma eps, eps ~ N(0, I_2), whose
 * transition density is known exactly: N(a x_t, sigma^2 I). Initial states come from the stationary
 * law N(0, sigma^2 / (1 - a^2) I).
 *
 * @param a the contraction factor, |a| < 1
 * @param sigma the noise scale, > 0
 */
public record LinearGaussianSimulator(double a, double sigma) implements GroundTruthSimulator {

    /** Validates the parameters. */
    public LinearGaussianSimulator {
        if (!(Math.abs(a) < 1)) {
            throw new IllegalArgumentException("a must satisfy |a| < 1 for a stationary law, got " + a);
        }
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be > 0, got " + sigma);
        }
    }

    /** The stationary variance per coordinate, sigma^2 / (1 - a^2). */
    public double stationaryVariance() {
        return sigma * sigma / (1 - a * a);
    }

    /** The differential entropy of one transition in nats, log(2 pi e sigma^2) for two coordinates. */
    public double conditionalEntropy() {
        return Math.log(2 * Math.PI * Math.E * sigma * sigma);
    }

    @Override
    public DoubleTensor initialState(RandomGenerator rng) {
        double s = Math.sqrt(stationaryVariance());
        return new DoubleTensor(new long[] {2}, new double[] {s * rng.nextGaussian(), s * rng.nextGaussian()});
    }

    @Override
    public Trajectory simulate(DoubleTensor initial, int frames, RandomGenerator rng) {
        float[] data = new float[2 * frames];
        double x = initial.data()[0];
        double y = initial.data()[1];
        for (int t = 0; t < frames; t++) {
            data[2 * t] = (float) x;
            data[2 * t + 1] = (float) y;
            x = a * x + sigma * rng.nextGaussian();
            y = a * y + sigma * rng.nextGaussian();
        }
        return new FloatTrajectory(new long[] {2}, frames, data);
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("a", a);
        p.put("sigma", sigma);
        return p;
    }
}
