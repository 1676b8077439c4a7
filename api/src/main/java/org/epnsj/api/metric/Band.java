package org.epnsj.api.metric;

/**
 * The spread around a {@link Shape#CURVE} metric (a median's 10 % and 90 % quantiles, say): two other
 * curve metrics of the same evaluator, drawn as a band around it.
 *
 * @param lower the curve metric of the band's lower end
 * @param upper the curve metric of the band's upper end
 */
public record Band(String lower, String upper) {

    /** Validates the names. */
    public Band {
        if (lower == null || lower.isBlank() || upper == null || upper.isBlank()) {
            throw new IllegalArgumentException("a band needs the names of its lower and upper curves, got '" + lower
                    + "' and '" + upper + "'");
        }
    }
}
