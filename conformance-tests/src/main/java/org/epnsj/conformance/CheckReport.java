package org.epnsj.conformance;

import java.util.List;

/**
 * The result of one rule: enough to understand a failure and to replay it.
 *
 * @param rule the rule id, e.g. {@code required_action_compatibility}
 * @param status pass, fail or skipped
 * @param reason why it failed or was skipped (empty when it passed); for a failure, what was found
 *     (e.g. {@code constant offset of (0.25, -0.5) in the decoder mean}) when the kit recognises it
 * @param maxError the largest error over all trials (scaled as the rule documents; 0 when skipped)
 * @param tolerance the largest error the rule accepts
 * @param seed the seed of every random draw of the rule; rerun with {@code -Depnsj.conformance.seed}
 * @param worstElement the group element(s) of the worst trial, as text
 * @param worstInput the input of the worst trial, as text (generator seed and index, leading values)
 * @param trials the number of (element, input) combinations tried
 * @param hint what to look at: the hint that fits what was found, else the rule's own
 *     ({@link Rule#hint()}, filled in for failures of the kit's rules when empty); empty otherwise
 * @param likelyCauses ids of rules this one follows from that fail on the same elements too (e.g.
 *     {@code required_decoder_equivariant} for {@code required_transition_step_equivariant}): fix those
 *     first; empty when there is none or it was not examined
 */
public record CheckReport(String rule, CheckStatus status, String reason, double maxError, double tolerance, long seed,
        String worstElement, String worstInput, int trials, String hint, List<String> likelyCauses) {

    /** Validates the fields. */
    public CheckReport {
        if (rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("rule must be a non-blank id, got " + rule);
        }
        if (status == null) {
            throw new IllegalArgumentException("status must not be null (rule " + rule + ")");
        }
        if (trials < 0) {
            throw new IllegalArgumentException("trials must be >= 0, got " + trials);
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        }
        reason = reason == null ? "" : reason;
        worstElement = worstElement == null ? "" : worstElement;
        worstInput = worstInput == null ? "" : worstInput;
        hint = hint == null || hint.isBlank() ? (status == CheckStatus.FAIL ? ruleHint(rule) : "") : hint;
        likelyCauses = likelyCauses == null ? List.of() : List.copyOf(likelyCauses);
    }

    /** A report without a specific hint or likely causes (as before they existed). */
    public CheckReport(String rule, CheckStatus status, String reason, double maxError, double tolerance, long seed,
            String worstElement, String worstInput, int trials) {
        this(rule, status, reason, maxError, tolerance, seed, worstElement, worstInput, trials, "", List.of());
    }

    /** A skipped rule with its reason. */
    public static CheckReport skipped(String rule, String reason, long seed) {
        return new CheckReport(rule, CheckStatus.SKIPPED, reason, 0, 0, seed, "", "", 0);
    }

    /** A failed rule whose check threw before it could measure an error. */
    public static CheckReport crashed(String rule, Throwable error, long seed, String element, String input) {
        return new CheckReport(rule, CheckStatus.FAIL, "threw " + error, Double.POSITIVE_INFINITY, 0, seed, element,
                input, 0);
    }

    /** This report with the given likely causes (rule ids). */
    public CheckReport withLikelyCauses(List<String> causes) {
        return new CheckReport(rule, status, reason, maxError, tolerance, seed, worstElement, worstInput, trials, hint,
                causes);
    }

    /** Whether the rule passed. */
    public boolean passed() {
        return status == CheckStatus.PASS;
    }

    /** A one-paragraph description for the summary and the JSON report's readers. */
    public String describe() {
        StringBuilder s = new StringBuilder(rule).append(": ").append(status);
        if (status != CheckStatus.SKIPPED) {
            s.append(String.format(" (max error %.3g, tolerance %.3g, %d trials, seed %d)", maxError, tolerance, trials,
                    seed));
        }
        if (!likelyCauses.isEmpty()) {
            s.append("; likely cause: ").append(String.join(", ", likelyCauses)).append(" fails too");
        }
        if (!reason.isEmpty()) {
            s.append("; ").append(reason);
        }
        if (status == CheckStatus.FAIL) {
            s.append("; worst element: ").append(worstElement).append("; worst input: ").append(worstInput);
        }
        return s.toString();
    }

    /**
     * The message of a failure, a few short lines: the rule, the plugin and the worst element with the
     * error against the tolerance; the rules it likely follows from; what was found; what to look at;
     * the worst input; how to replay it.
     */
    public String failureMessage(String plugin) {
        StringBuilder s = new StringBuilder(rule).append(" failed [").append(plugin);
        if (!worstElement.isEmpty()) {
            s.append(", g=").append(worstElement);
        }
        s.append("]: ");
        if (Double.isInfinite(maxError) && trials == 0) {
            s.append("the check threw");
        } else {
            s.append(String.format("max error %.3g > tolerance %.3g", maxError, tolerance));
        }
        s.append(String.format(" (%d trials, seed %d)", trials, seed));
        if (!likelyCauses.isEmpty()) {
            int last = likelyCauses.size() - 1;
            String causes = last == 0 ? likelyCauses.get(0)
                    : String.join(", ", likelyCauses.subList(0, last)) + " and " + likelyCauses.get(last);
            s.append("\n  likely cause: ").append(causes)
                    .append(likelyCauses.size() == 1 ? " fails" : " fail")
                    .append(" on the same elements, and this rule follows from ")
                    .append(likelyCauses.size() == 1 ? "it" : "them").append(": fix ")
                    .append(likelyCauses.size() == 1 ? "that" : "those").append(" first");
        }
        if (!reason.isEmpty()) {
            s.append("\n  found: ").append(reason);
        }
        if (!hint.isEmpty()) {
            s.append(likelyCauses.isEmpty() ? "\n  look at: " : "\n  if it still fails, look at: ").append(hint);
        }
        if (!worstInput.isEmpty()) {
            s.append("\n  worst input: ").append(worstInput);
        }
        s.append("\n  replay with -D").append(ContractSupport.SEED_PROPERTY).append('=').append(seed);
        return s.toString();
    }

    private static String ruleHint(String ruleId) {
        for (Rule r : Rule.values()) {
            if (r.id().equals(ruleId)) {
                return r.hint();
            }
        }
        return "";
    }
}
