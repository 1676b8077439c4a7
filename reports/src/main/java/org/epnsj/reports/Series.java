package org.epnsj.reports;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named curve of a chart: values {@code y} at positions {@code x}, with an optional interval
 * {@code [lower, upper]} per point drawn as a band or an error bar. Non-finite values are allowed
 * and are left out of the drawing. The arrays are copied in and out, so a series never changes.
 *
 * @param name the legend entry; unique within one chart
 * @param x positions (ignored by bar charts)
 * @param y values, one per position
 * @param lower lower interval ends, one per position, or null for no interval
 * @param upper upper interval ends, one per position, or null for no interval
 */
public record Series(String name, double[] x, double[] y, double[] lower, double[] upper) {

    public Series {
        if (name == null) {
            throw new IllegalArgumentException("series name is null");
        }
        if (x == null || y == null) {
            throw new IllegalArgumentException("series '" + name + "': " + (x == null ? "x" : "y") + " is null");
        }
        if ((lower == null) != (upper == null)) {
            throw new IllegalArgumentException("series '" + name + "': lower and upper must both be given or both be null");
        }
        requireLength(name, "y", y, x.length);
        if (lower != null) {
            requireLength(name, "lower", lower, x.length);
            requireLength(name, "upper", upper, x.length);
        }
        x = x.clone();
        y = y.clone();
        lower = lower == null ? null : lower.clone();
        upper = upper == null ? null : upper.clone();
    }

    /** A series without intervals. */
    public static Series of(String name, double[] x, double[] y) {
        return new Series(name, x, y, null, null);
    }

    /** Whether the series carries an interval per point. */
    public boolean hasInterval() {
        return lower != null;
    }

    /** The number of points. */
    public int size() {
        return x.length;
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public double[] lower() {
        return lower == null ? null : lower.clone();
    }

    @Override
    public double[] upper() {
        return upper == null ? null : upper.clone();
    }

    /** The y value at {@code i}, without copying the array. */
    double yAt(int i) {
        return y[i];
    }

    double xAt(int i) {
        return x[i];
    }

    /** The interval's lower end at {@code i}, or NaN when the series has none. */
    double lowerAt(int i) {
        return lower == null ? Double.NaN : lower[i];
    }

    /** The interval's upper end at {@code i}, or NaN when the series has none. */
    double upperAt(int i) {
        return upper == null ? Double.NaN : upper[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && name.equals(s.name) && Arrays.equals(x, s.x) && Arrays.equals(y, s.y)
                && Arrays.equals(lower, s.lower) && Arrays.equals(upper, s.upper);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(x), Arrays.hashCode(y), Arrays.hashCode(lower), Arrays.hashCode(upper));
    }

    @Override
    public String toString() {
        return "Series[" + name + ", " + x.length + " points" + (lower == null ? "" : ", with intervals") + "]";
    }

    private static void requireLength(String name, String field, double[] values, int expected) {
        if (values.length != expected) {
            throw new IllegalArgumentException("series '" + name + "': " + field + " has " + values.length
                    + " values but x has " + expected);
        }
    }
}
