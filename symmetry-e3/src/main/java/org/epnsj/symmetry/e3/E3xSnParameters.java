package org.epnsj.symmetry.e3;

/**
 * The parameters of an E(3) x S_n group: the number of bodies whose permutations it samples and the
 * half-width of the cube its translations are sampled from.
 *
 * @param bodies the number of bodies n, at least 1
 * @param translationScale the half-width of the sampled translations' cube, finite and at least 0
 */
public record E3xSnParameters(int bodies, double translationScale) {

    /** Validates the fields. */
    public E3xSnParameters {
        if (bodies < 1) {
            throw new IllegalArgumentException("bodies must be >= 1, got " + bodies);
        }
        if (!(translationScale >= 0) || Double.isInfinite(translationScale)) {
            throw new IllegalArgumentException("translationScale must be finite and >= 0, got " + translationScale);
        }
    }

    /** {@code bodies} bodies, translations at {@link E3xSnGroup#DEFAULT_TRANSLATION_SCALE}. */
    public E3xSnParameters(int bodies) {
        this(bodies, E3xSnGroup.DEFAULT_TRANSLATION_SCALE);
    }
}
