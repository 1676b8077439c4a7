package org.epnsj.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/** Turns check reports into JUnit outcomes and records them in the run's report. */
public final class ContractSupport {

    /** The system property that overrides every contract's seed, to replay a failure. */
    public static final String SEED_PROPERTY = "epnsj.conformance.seed";

    /** The system property that lists the slow tier's seeds, comma-separated (e.g. {@code 1,2,3}). */
    public static final String SEEDS_PROPERTY = "epnsj.conformance.seeds";

    /**
     * The seeds the slow tier adds to a contract's own seed when {@value #SEEDS_PROPERTY} is not set:
     * small and fixed, so that every run checks the same draws (7 is the seed at which the cell
     * models' argmax once broke ties by id).
     */
    public static final List<Long> MORE_SEEDS = List.of(1L, 2L, 3L, 7L);

    /**
     * How many stack frames a failure of the kit keeps: where in the kit it was raised. The message
     * says everything else, and the frames below are the test engine's.
     */
    public static final int FAILURE_TRACE_FRAMES = 3;

    private ContractSupport() {}

    /** {@code fallback}, unless {@value #SEED_PROPERTY} is set. */
    public static long seed(long fallback) {
        return parseSeed(System.getProperty(SEED_PROPERTY), SEED_PROPERTY, fallback);
    }

    /**
     * The seeds of the slow tier, {@code first} (the contract's own seed) first and without
     * duplicates: {@code first} and {@link #MORE_SEEDS}; {@code first} and the seeds listed in
     * {@value #SEEDS_PROPERTY} when it is set; only {@code first} when {@value #SEED_PROPERTY} is set,
     * as a replay runs one seed.
     */
    public static List<Long> seeds(long first) {
        Set<Long> out = new LinkedHashSet<>();
        out.add(first);
        String pinned = System.getProperty(SEED_PROPERTY);
        if (pinned != null && !pinned.isBlank()) {
            return List.copyOf(out);
        }
        String listed = System.getProperty(SEEDS_PROPERTY);
        if (listed == null || listed.isBlank()) {
            out.addAll(MORE_SEEDS);
        } else {
            for (String s : listed.split(",")) {
                out.add(parseSeed(s, SEEDS_PROPERTY, 0));
            }
        }
        return List.copyOf(out);
    }

    private static long parseSeed(String text, String property, long fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String t = text.strip();
        try {
            return t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " must be a whole number (decimal or 0x hexadecimal), got '"
                    + t + "'");
        }
    }

    /**
     * The slow tier's repetition of a contract's tests: one container per seed of
     * {@code contract.seeds()} other than {@code contract.seed()} (which the default tier runs),
     * named {@code seed N}; a single skipped test when there is no other seed (a replay).
     */
    public static Stream<DynamicNode> atMoreSeeds(ConformanceContract contract, LongFunction<List<DynamicNode>> tests) {
        long own = contract.seed();
        List<DynamicNode> out = new ArrayList<>();
        for (long s : contract.seeds()) {
            if (s != own) {
                out.add(DynamicContainer.dynamicContainer("seed " + s, tests.apply(s)));
            }
        }
        if (out.isEmpty()) {
            out.add(DynamicTest.dynamicTest("more seeds", () -> Assumptions.abort("only seed " + own + " is run ("
                    + SEED_PROPERTY + " is set, or " + SEEDS_PROPERTY + " lists no other seed)")));
        }
        return out.stream();
    }

    /**
     * The display name of a rule's test: the rule id, then the plugin and what the test covers, e.g.
     * {@code required_decoder_equivariant [nbody/epns, g=r]}; {@code detail} may be null.
     */
    public static String testName(String ruleId, String plugin, String detail) {
        return ruleId + " [" + plugin + (detail == null || detail.isEmpty() ? "" : ", " + detail) + "]";
    }

    /** The display name of a rule's test of a whole plugin: {@code rule [plugin]}. */
    public static String testName(Rule rule, String plugin) {
        return testName(rule.id(), plugin, null);
    }

    /** The display name of a rule's test on one element: {@code rule [plugin, g=element]}. */
    public static String testName(Rule rule, String plugin, Object element) {
        return testName(rule.id(), plugin, "g=" + element);
    }

    /** A dynamic test named {@code name} that runs {@code check} and enforces its report. */
    public static DynamicTest test(String name, String plugin, Exclusions exclusions, Supplier<CheckReport> check) {
        return DynamicTest.dynamicTest(name, () -> enforce(plugin, check.get(), exclusions));
    }

    /**
     * Records the report and turns it into the test outcome: a pass returns, a skip aborts with its
     * reason, a failure throws an {@link AssertionFailedError} whose message is
     * {@link CheckReport#failureMessage} (rule, plugin, element, max error against tolerance, likely
     * cause, what was found, what to look at, worst input, how to replay) and whose stack trace is cut to
     * {@link #FAILURE_TRACE_FRAMES} frames. A listed exclusion turns a failure into a skip; an exclusion
     * whose rule passes fails as stale.
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
                    report.tolerance(), report.seed(), "", "", report.trials(), "the exclusion list", List.of());
            ConformanceReport.forRun().add(plugin, stale);
            throw failure(stale.failureMessage(plugin));
        }
        ConformanceReport.forRun().add(plugin, report);
        switch (report.status()) {
            case PASS -> { }
            case SKIPPED -> Assumptions.abort(report.reason());
            case FAIL -> throw failure(report.failureMessage(plugin));
        }
    }

    /** An assertion error with the message and the caller's first {@link #FAILURE_TRACE_FRAMES} frames. */
    private static AssertionFailedError failure(String message) {
        AssertionFailedError e = new AssertionFailedError(message);
        StackTraceElement[] frames = e.getStackTrace();
        // Frame 0 is this method.
        int from = Math.min(1, frames.length);
        e.setStackTrace(Arrays.copyOfRange(frames, from, Math.min(frames.length, from + FAILURE_TRACE_FRAMES)));
        return e;
    }
}
