package org.epnsj.symmetry.e2;

/**
 * The parameters of an E(2) x S_n group: the number of particles whose permutations it samples and the
 * half-width of the square its translations are sampled from.
 *
 * @param particles the number of particles n, at least 1
 * @param translationScale the half-width of the sampled translations' square, finite and at least 0
 */
public record E2xSnParameters(int particles, double translationScale) {

    /** Validates the fields. */
    public E2xSnParameters {
        if (particles < 1) {
            throw new IllegalArgumentException("particles must be >= 1, got " + particles);
        }
        if (!(translationScale >= 0) || Double.isInfinite(translationScale)) {
            throw new IllegalArgumentException("translationScale must be finite and >= 0, got " + translationScale);
        }
    }

    /** {@code particles} particles, translations at {@link E2xSnGroup#DEFAULT_TRANSLATION_SCALE}. */
    public E2xSnParameters(int particles) {
        this(particles, E2xSnGroup.DEFAULT_TRANSLATION_SCALE);
    }
}
