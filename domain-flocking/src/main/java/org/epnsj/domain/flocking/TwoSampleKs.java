package org.epnsj.domain.flocking;

import org.hipparchus.stat.inference.KolmogorovSmirnovTest;

/**
 * A two-sample Kolmogorov–Smirnov comparison: D = sup |F_a − F_b| and its two-sided p-value.
 *
 * @param statistic D, in [0, 1], or NaN when a sample is unavailable
 * @param pValue the p-value, or NaN
 */
record TwoSampleKs(double statistic, double pValue) {

    /** The result reported when the model's sample does not exist (its rollout diverged). */
    static final TwoSampleKs UNAVAILABLE = new TwoSampleKs(Double.NaN, Double.NaN);

    /** Hipparchus breaks ties with random jitter; a fixed seed keeps reports reproducible. */
    private static final long TIE_BREAKING_SEED = 1;

    /** Compares two samples; Hipparchus uses the exact distribution for small samples. */
    static TwoSampleKs compare(double[] a, double[] b) {
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest(TIE_BREAKING_SEED);
        return new TwoSampleKs(ks.kolmogorovSmirnovStatistic(a, b), ks.kolmogorovSmirnovTest(a, b));
    }
}
