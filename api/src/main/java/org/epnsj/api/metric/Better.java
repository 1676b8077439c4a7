package org.epnsj.api.metric;

/** Which values of a metric are better: what a report says next to it. */
public enum Better {
    /** Lower values are better (a negative ELBO, a KS statistic, an error). */
    LOWER("lower is better"),
    /** Higher values are better (a likelihood, a fraction of stable rollouts, an accuracy). */
    HIGHER("higher is better"),
    /** Values closer to those of the metric's {@link Metric#reference() reference} (the data's) are better. */
    CLOSER_TO_REFERENCE("closer to the data is better"),
    /** Not a score: a count, a setting, a figure of the data, or a value whose ideal its description states. */
    NEITHER("");

    private final String phrase;

    Better(String phrase) {
        this.phrase = phrase;
    }

    /** How reports say it ("lower is better"); empty for {@link #NEITHER}. */
    public String phrase() {
        return phrase;
    }
}
