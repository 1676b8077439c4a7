package org.epnsj.reports.experiment;

import java.util.Locale;
import org.hipparchus.stat.descriptive.DescriptiveStatistics;

/**
 * Mean and sample standard deviation of one metric over the seeds of a configuration.
 *
 * @param mean the mean of the finite values
 * @param std the sample standard deviation (0 for one value)
 * @param n the number of finite values
 * @param nonFinite values that were NaN or infinite (a diverged run), left out of the mean
 */
record Summary(double mean, double std, int n, int nonFinite) {

    static Summary of(double[] values) {
        DescriptiveStatistics s = new DescriptiveStatistics();
        int bad = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                s.addValue(v);
            } else {
                bad++;
            }
        }
        long n = s.getN();
        return new Summary(n == 0 ? Double.NaN : s.getMean(), n < 2 ? 0 : s.getStandardDeviation(), (int) n, bad);
    }

    /** {@code mean ± std}, three significant digits, with the count of non-finite values if any. */
    String format() {
        if (n == 0) {
            return nonFinite > 0 ? "non-finite (" + nonFinite + ")" : "–";
        }
        String text = n > 1 ? String.format(Locale.ROOT, "%.3g ± %.2g", mean, std) : String.format(Locale.ROOT, "%.3g", mean);
        return nonFinite > 0 ? text + " (" + nonFinite + " non-finite)" : text;
    }
}
