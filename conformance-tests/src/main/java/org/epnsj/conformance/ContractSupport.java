package org.epnsj.conformance;

import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/** Turns check reports into JUnit outcomes and records them in the run's report. */
public final class ContractSupport {

    /** The system property that overrides every contract's seed, to replay a failure. */
    public static final String SEED_PROPERTY = "epnsj.conformance.seed";

    private ContractSupport() {}

    /** {@code fallback}, unless {@value #SEED_PROPERTY} is set. */
    public static long seed(long fallback) {
        String s = System.getProperty(SEED_PROPERTY);
        return s == null || s.isBlank() ? fallback : Long.parseLong(s.strip());
    }

    /** A dynamic test named {@code name} that runs {@code check} and enforces its report. */
    public static DynamicTest test(String name, String plugin, Exclusions exclusions, Supplier<CheckReport> check) {
        return DynamicTest.dynamicTest(name, () -> enforce(plugin, check.get(), exclusions));
    }

    /**
     * Records the report and turns it into the test outcome: a pass returns, a skip aborts with its
     * reason, a failure throws an assertion error naming the seed, the worst element and input, and
     * what to look at. A listed exclusion turns a failure into a skip; an exclusion whose rule passes
     * fails as stale.
     */
    public static void enforce(String plugin, CheckReport report, Exclusions exclusions) {
        Optional<Exclusion> excluded = exclusions.find(report.rule(), plugin);
        if (excluded.isPresent() && report.status() == CheckStatus.FAIL) {
            CheckReport skip = new CheckReport(report.rule(), CheckStatus.SKIPPED,
                    "excluded: " + excluded.get().reason() + " (still failing: " + report.describe() + ")",
                    report.maxError(), report.tolerance(), report.seed(), report.worstElement(), report.worstInput(),
                    report.trials());
            ConformanceReport.forRun().add(plugin, skip);
            Assumptions.abort(skip.reason());
        }
        if (excluded.isPresent() && report.status() == CheckStatus.PASS) {
            CheckReport stale = new CheckReport(report.rule(), CheckStatus.FAIL, "stale exclusion: the rule passes; remove '"
                    + report.rule() + " " + excluded.get().plugin() + "' from " + Exclusions.RESOURCE, report.maxError(),
                    report.tolerance(), report.seed(), "", "", report.trials());
            ConformanceReport.forRun().add(plugin, stale);
            throw new AssertionFailedError("[" + plugin + "] " + stale.describe());
        }
        ConformanceReport.forRun().add(plugin, report);
        switch (report.status()) {
            case PASS -> { }
            case SKIPPED -> Assumptions.abort(report.reason());
            case FAIL -> throw new AssertionFailedError("[" + plugin + "] " + report.describe() + "\n  look at: "
                    + hintOf(report.rule()) + "\n  replay with -D" + SEED_PROPERTY + "=" + report.seed());
        }
    }

    private static String hintOf(String ruleId) {
        for (Rule r : Rule.values()) {
            if (r.id().equals(ruleId)) {
                return r.hint();
            }
        }
        return "the rule's documentation";
    }
}
