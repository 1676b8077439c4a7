package org.epnsj.conformance;

import java.util.List;
import java.util.Optional;

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

    /** The report, saying {@code found} when the rule failed (the rule's own hint is filled in). */
    CheckReport report(String found) {
        boolean ok = trials > 0 && maxError <= tolerance;
        String reason = ok ? "" : trials == 0 ? "no trials ran" : found;
        return new CheckReport(rule, ok ? CheckStatus.PASS : CheckStatus.FAIL, reason, maxError, tolerance, seed, element,
                input, trials);
    }

    /** The report, with what a residual diagnosis found and its hint when the rule failed and it found something. */
    CheckReport report(Optional<ResidualDiagnosis.Finding> finding) {
        CheckReport r = report(finding.map(ResidualDiagnosis.Finding::found).orElse(""));
        if (r.status() != CheckStatus.FAIL || finding.isEmpty()) {
            return r;
        }
        return new CheckReport(r.rule(), r.status(), r.reason(), r.maxError(), r.tolerance(), r.seed(), r.worstElement(),
                r.worstInput(), r.trials(), finding.get().hint(), List.of());
    }
}
