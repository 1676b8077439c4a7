package org.epnsj.conformance;

/** Accumulates the worst trial of a pointwise rule. */
final class Worst {

    private final String rule;
    private final double tolerance;
    private final long seed;
    private double maxError;
    private String element = "";
    private String input = "";
    private int trials;

    Worst(Rule rule, double tolerance, long seed) {
        this.rule = rule.id();
        this.tolerance = tolerance;
        this.seed = seed;
    }

    /** Records one trial. NaN counts as an infinite error. */
    void add(double error, Object element, String input) {
        trials++;
        double e = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
        if (trials == 1 || e > maxError) {
            maxError = e;
            this.element = String.valueOf(element);
            this.input = input;
        }
    }

    CheckReport report(String context) {
        boolean ok = trials > 0 && maxError <= tolerance;
        String reason = ok ? "" : trials == 0 ? "no trials ran" : context;
        return new CheckReport(rule, ok ? CheckStatus.PASS : CheckStatus.FAIL, reason, maxError, tolerance, seed, element,
                input, trials);
    }
}
