package org.epnsj.conformance;

/**
 * The result of one rule: enough to understand a failure and to replay it.
 *
 * @param rule the rule id, e.g. {@code required_action_compatibility}
 * @param status pass, fail or skipped
 * @param reason why it failed or was skipped (empty when it passed)
 * @param maxError the largest error over all trials (scaled as the rule documents; 0 when skipped)
 * @param tolerance the largest error the rule accepts
 * @param seed the seed of every random draw of the rule; rerun with {@code -Depnsj.conformance.seed}
 * @param worstElement the group element(s) of the worst trial, as text
 * @param worstInput the input of the worst trial, as text (generator seed and index, leading values)
 * @param trials the number of (element, input) combinations tried
 */
public record CheckReport(String rule, CheckStatus status, String reason, double maxError, double tolerance, long seed,
        String worstElement, String worstInput, int trials) {

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

    /** Whether the rule passed. */
    public boolean passed() {
        return status == CheckStatus.PASS;
    }

    /** A one-paragraph description for assertion messages and the summary. */
    public String describe() {
        StringBuilder s = new StringBuilder(rule).append(": ").append(status);
        if (status != CheckStatus.SKIPPED) {
            s.append(String.format(" (max error %.3g, tolerance %.3g, %d trials, seed %d)", maxError, tolerance, trials,
                    seed));
        }
        if (!reason.isEmpty()) {
            s.append("; ").append(reason);
        }
        if (status == CheckStatus.FAIL) {
            s.append("; worst element: ").append(worstElement).append("; worst input: ").append(worstInput);
        }
        return s.toString();
    }
}
