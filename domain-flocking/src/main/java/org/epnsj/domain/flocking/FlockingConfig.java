package org.epnsj.domain.flocking;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of the stochastic flocking simulator ({@link FlockingSimulator}).
 *
 * @param particles the number of particles N, at least 2
 * @param speed the preferred speed v0, positive
 * @param propulsion the rate α at which a particle's speed relaxes to v0, at least 0
 * @param alignment the rate K at which a velocity relaxes to the weighted mean velocity around it, at least 0
 * @param alignmentRange the length ℓ_al of the Gaussian alignment weights exp(−r² / (2 ℓ_al²)), positive
 * @param repulsionStrength C_r of the Morse potential, at least 0
 * @param repulsionRange ℓ_r of the Morse potential, positive
 * @param attractionStrength C_a of the Morse potential, at least 0
 * @param attractionRange ℓ_a of the Morse potential, positive
 * @param noise σ of the angular noise, at least 0 (0: deterministic)
 * @param timeStep the Euler–Maruyama step dt, positive
 * @param frameInterval the time between saved frames, a positive whole multiple of {@code timeStep}
 * @param initialRadius the radius R0 of the disk the initial positions fill, positive
 */
public record FlockingConfig(int particles, double speed, double propulsion, double alignment, double alignmentRange,
        double repulsionStrength, double repulsionRange, double attractionStrength, double attractionRange,
        double noise, double timeStep, double frameInterval, double initialRadius) {

    /** Validates every field. */
    public FlockingConfig {
        if (particles < 2) {
            throw new IllegalArgumentException("particles must be >= 2, got " + particles);
        }
        positive("speed", speed);
        nonNegative("propulsion", propulsion);
        nonNegative("alignment", alignment);
        positive("alignmentRange", alignmentRange);
        nonNegative("repulsionStrength", repulsionStrength);
        positive("repulsionRange", repulsionRange);
        nonNegative("attractionStrength", attractionStrength);
        positive("attractionRange", attractionRange);
        nonNegative("noise", noise);
        positive("timeStep", timeStep);
        positive("frameInterval", frameInterval);
        positive("initialRadius", initialRadius);
        double ratio = frameInterval / timeStep;
        if (Math.abs(ratio - Math.rint(ratio)) > 1e-9 * ratio || Math.rint(ratio) < 1) {
            throw new IllegalArgumentException("frameInterval must be a whole multiple of timeStep, got frameInterval "
                    + frameInterval + " and timeStep " + timeStep);
        }
    }

    private static void positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be finite and > 0, got " + value);
        }
    }

    private static void nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be finite and >= 0, got " + value);
        }
    }

    /**
     * The domain's parameters for {@code particles} particles: v0 = 1, α = 1, K = 1 over ℓ_al = 2, a
     * Morse potential with C_r = 2, ℓ_r = 0.5, C_a = 1, ℓ_a = 3 (repulsion within about 1.5, attraction
     * beyond), σ = 0.7, dt = 0.01, a frame every 0.1, initial positions in a disk of radius 2.
     */
    public static FlockingConfig standard(int particles) {
        return new FlockingConfig(particles, 1.0, 1.0, 1.0, 2.0, 2.0, 0.5, 1.0, 3.0, 0.7, 0.01, 0.1, 2.0);
    }

    /** Euler–Maruyama steps per saved frame. */
    public int stepsPerFrame() {
        return (int) Math.rint(frameInterval / timeStep);
    }

    /** This configuration with another noise σ. */
    public FlockingConfig withNoise(double sigma) {
        return new FlockingConfig(particles, speed, propulsion, alignment, alignmentRange, repulsionStrength,
                repulsionRange, attractionStrength, attractionRange, sigma, timeStep, frameInterval, initialRadius);
    }

    /** This configuration with another alignment rate K. */
    public FlockingConfig withAlignment(double k) {
        return new FlockingConfig(particles, speed, propulsion, k, alignmentRange, repulsionStrength,
                repulsionRange, attractionStrength, attractionRange, noise, timeStep, frameInterval, initialRadius);
    }

    /** This configuration with another Morse repulsion strength C_r. */
    public FlockingConfig withRepulsionStrength(double cr) {
        return new FlockingConfig(particles, speed, propulsion, alignment, alignmentRange, cr,
                repulsionRange, attractionStrength, attractionRange, noise, timeStep, frameInterval, initialRadius);
    }

    /** This configuration with another self-propulsion rate α. */
    public FlockingConfig withPropulsion(double a) {
        return new FlockingConfig(particles, speed, a, alignment, alignmentRange, repulsionStrength,
                repulsionRange, attractionStrength, attractionRange, noise, timeStep, frameInterval, initialRadius);
    }

    /** This configuration with another Morse attraction strength C_a. */
    public FlockingConfig withAttractionStrength(double ca) {
        return new FlockingConfig(particles, speed, propulsion, alignment, alignmentRange, repulsionStrength,
                repulsionRange, ca, attractionRange, noise, timeStep, frameInterval, initialRadius);
    }

    /** The parameters by name, for {@code dataset.json}. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("particles", particles);
        m.put("speed", speed);
        m.put("propulsion", propulsion);
        m.put("alignment", alignment);
        m.put("alignmentRange", alignmentRange);
        m.put("repulsionStrength", repulsionStrength);
        m.put("repulsionRange", repulsionRange);
        m.put("attractionStrength", attractionStrength);
        m.put("attractionRange", attractionRange);
        m.put("noise", noise);
        m.put("timeStep", timeStep);
        m.put("frameInterval", frameInterval);
        m.put("initialRadius", initialRadius);
        return m;
    }
}
