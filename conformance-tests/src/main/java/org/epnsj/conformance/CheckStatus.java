package org.epnsj.conformance;

/** The outcome of one rule on one subject. */
public enum CheckStatus {
    /** The rule holds within its tolerance on every trial. */
    PASS,
    /** The rule was violated on at least one trial; the report names the worst case. */
    FAIL,
    /** The rule does not apply (a capability flag, a declaration, or a listed exclusion); the reason says why. */
    SKIPPED
}
