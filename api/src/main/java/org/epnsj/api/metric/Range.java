package org.epnsj.api.metric;

/**
 * The values a metric can take, from {@code min} to {@code max} inclusive; infinite ends for no bound.
 * Reports cut bands of mean ± std to it (a fraction's band stops at 1).
 *
 * @param min the smallest possible value, or negative infinity
 * @param max the largest possible value, or positive infinity
 */
public record Range(double min, double max) {

    /** Any number. */
    public static final Range ANY = new Range(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    /** Zero or more: counts, distances, errors, ratios of non-negative quantities. */
    public static final Range NON_NEGATIVE = new Range(0, Double.POSITIVE_INFINITY);
    /** From 0 to 1: fractions, KS statistics, p-values, accuracies. */
    public static final Range UNIT_INTERVAL = new Range(0, 1);

    /** Validates the ends. */
    public Range {
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("a range needs min <= max, got [" + min + ", " + max + "]");
        }
    }

    /** The value moved into the range (NaN stays NaN). */
    public double clamp(double value) {
        return Math.min(max, Math.max(min, value));
    }

    /** Whether the value lies in the range (NaN does not). */
    public boolean contains(double value) {
        return value >= min && value <= max;
    }
}
