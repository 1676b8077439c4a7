package org.epnsj.domain.nbody;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of the stochastic n-body simulator (spec §D2).
 *
 * @param bodies number of bodies n, at least 1
 * @param gravity the gravitational constant G, at least 0 (0 switches gravity off, for noise tests)
 * @param softening the Plummer softening length ε, positive; forces and potential use r² + ε²
 * @param noiseScale σ of the white-noise acceleration per coordinate, at least 0 (0: deterministic)
 * @param timeStep the integrator step dt, positive
 * @param frameInterval the time between saved frames, a positive whole multiple of {@code timeStep}
 */
public record NBodyConfig(int bodies, double gravity, double softening, double noiseScale, double timeStep,
        double frameInterval) {

    /** Validates every field. */
    public NBodyConfig {
        if (bodies < 1) {
            throw new IllegalArgumentException("bodies must be >= 1, got " + bodies);
        }
        if (!(gravity >= 0) || Double.isInfinite(gravity)) {
            throw new IllegalArgumentException("gravity must be finite and >= 0, got " + gravity);
        }
        if (!(softening > 0) || Double.isInfinite(softening)) {
            throw new IllegalArgumentException("softening must be finite and > 0, got " + softening);
        }
        if (!(noiseScale >= 0) || Double.isInfinite(noiseScale)) {
            throw new IllegalArgumentException("noiseScale must be finite and >= 0, got " + noiseScale);
        }
        if (!(timeStep > 0) || Double.isInfinite(timeStep)) {
            throw new IllegalArgumentException("timeStep must be finite and > 0, got " + timeStep);
        }
        if (!(frameInterval > 0) || Double.isInfinite(frameInterval)) {
            throw new IllegalArgumentException("frameInterval must be finite and > 0, got " + frameInterval);
        }
        double ratio = frameInterval / timeStep;
        if (Math.abs(ratio - Math.rint(ratio)) > 1e-9 * ratio || Math.rint(ratio) < 1) {
            throw new IllegalArgumentException("frameInterval must be a whole multiple of timeStep, got frameInterval "
                    + frameInterval + " and timeStep " + timeStep);
        }
    }

    /** Spec §D2: 5 bodies, G = 1, ε = 0.1, σ = 0.1, dt = 1e-4, a frame every 0.01. */
    public static NBodyConfig standard() {
        return new NBodyConfig(5, 1.0, 0.1, 0.1, 1e-4, 0.01);
    }

    /** Integrator steps per saved frame. */
    public int stepsPerFrame() {
        return (int) Math.rint(frameInterval / timeStep);
    }

    /** This configuration with another body count. */
    public NBodyConfig withBodies(int n) {
        return new NBodyConfig(n, gravity, softening, noiseScale, timeStep, frameInterval);
    }

    /** This configuration with another noise scale σ. */
    public NBodyConfig withNoiseScale(double sigma) {
        return new NBodyConfig(bodies, gravity, softening, sigma, timeStep, frameInterval);
    }

    /** This configuration with another gravitational constant. */
    public NBodyConfig withGravity(double g) {
        return new NBodyConfig(bodies, g, softening, noiseScale, timeStep, frameInterval);
    }

    /** The parameters by name, for {@code dataset.json}. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bodies", bodies);
        m.put("gravity", gravity);
        m.put("softening", softening);
        m.put("noiseScale", noiseScale);
        m.put("timeStep", timeStep);
        m.put("frameInterval", frameInterval);
        return m;
    }
}
