package org.epnsj.api.metric;

import java.util.regex.Pattern;

/**
 * One metric a {@link org.epnsj.api.spi.DomainEvaluator} reports: what it measures, its unit, the
 * values it can take, which values are better, how its value is laid out and, if reports should draw
 * it in a figure of its own, that figure's name. Reports read these declarations for axis labels,
 * bands, captions and the figures they draw; they never guess from the metric's name.
 *
 * <p>Made with the factories ({@link #scalar}, {@link #perStep}, {@link #curve}, {@link #steps},
 * {@link #text}) and refined with the methods that return a changed copy, for example
 * {@code Metric.scalar("testNegativeElbo", "nats per transition", "teacher-forced negative ELBO on the
 * test split").lowerIsBetter()}.
 *
 * @param name the key in the evaluator's map; a field of a nested map, or of the records of a list of
 *     per-step records, is {@code key.field}; a scalar per step whose steps depend on the data is declared
 *     once, with {@link #STEP} where the step's number goes
 * @param description one line: what the metric measures
 * @param unit the unit of its values; empty for a pure number (a fraction, a count, a KS statistic)
 * @param range the values it can take
 * @param better which values are better
 * @param reference the metric holding the same quantity for the data, drawn as the ground truth next
 *     to this one and, for {@link Better#CLOSER_TO_REFERENCE}, what it should come close to; null if none
 * @param shape how its value is laid out
 * @param steps for a {@link Shape#PER_STEP} list, the {@link Shape#STEPS} metric listing its steps; null
 *     for a field of per-step records (each record carries its step) and for other shapes
 * @param band for a {@link Shape#CURVE}, the curves bounding its spread; null if none
 * @param figure the name of the figure of its own that reports draw for it (a file-name part:
 *     lower-case letters, digits and single hyphens), for {@link Shape#PER_STEP} and {@link Shape#CURVE}
 *     metrics; null for none
 * @param optional whether the evaluator reports it only in some cases (a rollout that diverged, a split
 *     the data lacks); a declared metric that is not optional must be reported
 */
public record Metric(String name, String description, String unit, Range range, Better better, String reference,
        Shape shape, String steps, Band band, String figure, boolean optional) {

    /**
     * The place of the step in the name of a family of scalars, one per rollout step: the declaration
     * {@code netDisplacementModel{step}} covers the reported {@code netDisplacementModel10},
     * {@code netDisplacementModel20}, ... (for metrics whose steps depend on the data's length).
     */
    public static final String STEP = "{step}";

    private static final Pattern FIGURE_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** Validates the fields; every message names the metric. */
    public Metric {
        if (name == null || name.isBlank() || name.replace(STEP, "").chars().anyMatch(
                c -> Character.isWhitespace(c) || "@[]{}".indexOf(c) >= 0) || name.indexOf(STEP) != name.lastIndexOf(STEP)) {
            throw new IllegalArgumentException("a metric's name must be non-blank without spaces, '@', '[', ']', or "
                    + "braces except one " + STEP + ", got '" + name + "'");
        }
        requireLine(description, "description", name);
        requireLine(unit, "unit", name);
        require(range != null, name, "range must be given");
        require(better != null, name, "better must be given");
        require(shape != null, name, "shape must be given");
        require(reference == null || (!reference.isBlank() && !reference.equals(name)), name,
                "reference must name another metric, got '" + reference + "'");
        require(!name.contains(STEP) || shape == Shape.SCALAR, name, "a family of one scalar per step (" + STEP
                + " in the name) must be SCALAR, not " + shape);
        require(better != Better.CLOSER_TO_REFERENCE || reference != null, name,
                "better is CLOSER_TO_REFERENCE but no reference metric is named");
        require(better == Better.NEITHER || shape == Shape.SCALAR || shape == Shape.PER_STEP || shape == Shape.CURVE,
                name, "a " + shape + " metric is not a score, so better must be NEITHER, got " + better);
        require(steps == null || (shape == Shape.PER_STEP && !steps.isBlank()), name,
                "steps names the STEPS metric of a PER_STEP list, but the shape is " + shape + " and steps '" + steps + "'");
        require(band == null || shape == Shape.CURVE, name, "only a CURVE has a band, but the shape is " + shape);
        require(figure == null || ((shape == Shape.PER_STEP || shape == Shape.CURVE) && FIGURE_NAME.matcher(figure)
                .matches()), name, "figure must be lower-case letters, digits and single hyphens, for a PER_STEP or "
                        + "CURVE metric; got '" + figure + "' for a " + shape + " metric");
    }

    /** One number; unbounded, not a score until said otherwise. */
    public static Metric scalar(String name, String unit, String description) {
        return new Metric(name, description, unit, Range.ANY, Better.NEITHER, null, Shape.SCALAR, null, null, null,
                false);
    }

    /** A string (a note, a reason). */
    public static Metric text(String name, String description) {
        return new Metric(name, description, "", Range.ANY, Better.NEITHER, null, Shape.TEXT, null, null, null, false);
    }

    /** The rollout steps that per-step lists refer to. */
    public static Metric steps(String name, String description) {
        return new Metric(name, description, "model steps", Range.NON_NEGATIVE, Better.NEITHER, null, Shape.STEPS, null,
                null, null, false);
    }

    /**
     * One number per step.
     *
     * @param steps the {@link Shape#STEPS} metric the list is aligned with; null for a field of a list of
     *     records that carry their own {@code step}
     */
    public static Metric perStep(String name, String unit, String steps, String description) {
        return new Metric(name, description, unit, Range.ANY, Better.NEITHER, null, Shape.PER_STEP, steps, null, null,
                false);
    }

    /** A curve over the rollout steps 0, 1, .... */
    public static Metric curve(String name, String unit, String description) {
        return new Metric(name, description, unit, Range.ANY, Better.NEITHER, null, Shape.CURVE, null, null, null,
                false);
    }

    /**
     * What reports use for a metric its evaluator does not declare: no unit, any value, not a score,
     * no figure of its own, described by nothing but its name.
     */
    public static Metric undeclared(String name, Shape shape) {
        return new Metric(name, "", "", Range.ANY, Better.NEITHER, null, shape, null, null, null, true);
    }

    /** This metric with the values it can take. */
    public Metric range(Range range) {
        return new Metric(name, description, unit, range, better, reference, shape, steps, band, figure, optional);
    }

    /** This metric, lower values being better. */
    public Metric lowerIsBetter() {
        return better(Better.LOWER);
    }

    /** This metric, higher values being better. */
    public Metric higherIsBetter() {
        return better(Better.HIGHER);
    }

    /** This metric, values closer to those of {@code reference} (the data's) being better. */
    public Metric closerTo(String reference) {
        return new Metric(name, description, unit, range, Better.CLOSER_TO_REFERENCE, reference, shape, steps, band,
                figure, optional);
    }

    /** This metric with the data's counterpart {@code reference}, drawn as the ground truth next to it. */
    public Metric reference(String reference) {
        return new Metric(name, description, unit, range, better, reference, shape, steps, band, figure, optional);
    }

    /** This curve with a band between the curves {@code lower} and {@code upper}. */
    public Metric band(String lower, String upper) {
        return new Metric(name, description, unit, range, better, reference, shape, steps, new Band(lower, upper),
                figure, optional);
    }

    /** This metric drawn by reports in a figure of its own, named {@code figure} in file names. */
    public Metric figure(String figure) {
        return new Metric(name, description, unit, range, better, reference, shape, steps, band, figure, optional);
    }

    /** This metric, reported only in some cases. */
    public Metric asOptional() {
        return new Metric(name, description, unit, range, better, reference, shape, steps, band, figure, true);
    }

    private Metric better(Better b) {
        return new Metric(name, description, unit, range, b, reference, shape, steps, band, figure, optional);
    }

    /** Whether the name holds {@link #STEP}: the declaration of one scalar per rollout step, the step in the key. */
    public boolean isFamily() {
        return name.contains(STEP);
    }

    /**
     * Whether {@code key} is this metric: its name, or for a {@linkplain #isFamily() family} its name
     * with a step number in place of {@link #STEP}.
     */
    public boolean matches(String key) {
        if (!isFamily()) {
            return name.equals(key);
        }
        int at = name.indexOf(STEP);
        String prefix = name.substring(0, at);
        String suffix = name.substring(at + STEP.length());
        return key.length() > prefix.length() + suffix.length() && key.startsWith(prefix) && key.endsWith(suffix)
                && key.substring(prefix.length(), key.length() - suffix.length()).chars().allMatch(Character::isDigit);
    }

    private static void requireLine(String text, String field, String name) {
        require(text != null && !text.contains("\n") && !text.contains("\r"), name, field
                + " must be one line, got " + (text == null ? "null" : "'" + text + "'"));
    }

    private static void require(boolean ok, String name, String message) {
        if (!ok) {
            throw new IllegalArgumentException("metric '" + name + "': " + message);
        }
    }
}
