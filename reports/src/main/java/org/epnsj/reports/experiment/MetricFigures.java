package org.epnsj.reports.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.metric.Shape;
import org.epnsj.harness.ExperimentResults;
import org.epnsj.reports.Charts;
import org.epnsj.reports.Series;

/**
 * The figures an evaluator declares for its metrics ({@link Metric#figure()}), each drawn as its
 * declaration's shape says, in {@code <domain>-<preset>-<figure>.png}:
 * <ul>
 *   <li>a {@link Shape#PER_STEP} metric: its value at each of its steps, every arm's mean ± std over
 *       training seeds, as points with error bars;
 *   <li>a {@link Shape#CURVE} with a {@link Metric#band() band}: per arm, the first seed's curve and
 *       band against its reference's (the ground truth), one figure per arm ({@code ...-<figure>-<arm>.png});
 *   <li>any other curve: every arm's mean ± std over seeds against the step, with its reference curve as
 *       the ground truth.
 * </ul>
 * Units label the axes, bands stay within the metric's range, and captions say which values are better.
 */
final class MetricFigures {

    private static final String STEP_AXIS = "rollout step [model steps]";

    private final Path figures;
    private final String prefix;
    private final List<String> arms;
    private final List<ExperimentResults.RunResult> runs;
    private final Function<ExperimentResults.RunResult, List<MetricValues.Value>> values;
    private final Declarations declared;

    /**
     * @param runs the finished runs drawn (the study's largest training-set size)
     * @param values each run's numbers
     */
    MetricFigures(Path figures, String prefix, List<String> arms, List<ExperimentResults.RunResult> runs,
            Function<ExperimentResults.RunResult, List<MetricValues.Value>> values, Declarations declared) {
        this.figures = figures;
        this.prefix = prefix;
        this.arms = arms;
        this.runs = runs;
        this.values = values;
        this.declared = declared;
    }

    /** The figure of a metric that declares one. */
    List<Figure> draw(Metric m) throws IOException {
        if (m.shape() == Shape.PER_STEP) {
            return perStep(m);
        }
        return m.band() != null ? bands(m) : curves(m);
    }

    private List<Figure> perStep(Metric m) throws IOException {
        List<Series> series = new ArrayList<>();
        for (String arm : arms) {
            List<ExperimentResults.RunResult> mine = StudyRuns.ofArm(runs, arm);
            // Per seed, the value at each step (clamped steps repeat one step: one point).
            List<Map<Double, Double>> bySeed = mine.stream().map(r -> {
                Map<Double, Double> atStep = new TreeMap<>();
                values.apply(r).stream().filter(v -> v.metric().equals(m) && v.step() != null)
                        .forEach(v -> atStep.put(v.step(), v.value()));
                return atStep;
            }).filter(s -> !s.isEmpty()).toList();
            if (bySeed.isEmpty()) {
                continue;
            }
            TreeMap<Double, List<Double>> steps = new TreeMap<>();
            bySeed.forEach(s -> s.forEach((step, v) -> steps.computeIfAbsent(step, k -> new ArrayList<>()).add(v)));
            double[] x = steps.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[][] stats = new double[3][x.length];
            int i = 0;
            for (List<Double> atStep : steps.values()) {
                Summary s = Summary.of(atStep.stream().mapToDouble(Double::doubleValue).toArray());
                stats[0][i] = s.mean();
                stats[1][i] = m.range().clamp(s.mean() - s.std());
                stats[2][i] = m.range().clamp(s.mean() + s.std());
                i++;
            }
            series.add(new Series(arm + " (n=" + bySeed.size() + ")", x, stats[0], stats[1], stats[2]));
        }
        if (series.isEmpty()) {
            return List.of();
        }
        Path file = figures.resolve(prefix + "-" + m.figure() + ".png");
        // Markers of distinct shapes with error bars: models with equal values stay visible.
        Charts.points(file, title(m) + " against the rollout step", STEP_AXIS, StudyRuns.label(m.name(), m), series,
                false);
        return List.of(new Figure(file, describe(m) + " against the rollout step (mean ± std over training seeds"
                + StudyRuns.better(m) + ")"));
    }

    private List<Figure> bands(Metric m) throws IOException {
        Metric reference = m.reference() == null ? null : declared.find(m.reference()).orElse(null);
        List<Figure> out = new ArrayList<>();
        for (String arm : arms) {
            List<ExperimentResults.RunResult> mine = StudyRuns.ofArm(runs, arm);
            if (mine.isEmpty()) {
                continue;
            }
            Map<String, Object> metrics = mine.get(0).metrics();
            Series model = banded(arm, m, metrics);
            if (model == null) {
                continue;
            }
            List<Series> series = new ArrayList<>();
            Series truth = reference == null ? null : banded("ground truth", reference, metrics);
            if (truth != null) {
                series.add(truth);
            }
            series.add(model);
            Path file = figures.resolve(prefix + "-" + m.figure() + "-" + StudyRuns.safe(arm) + ".png");
            Charts.lines(file, title(m) + ": " + arm + (truth != null ? " vs ground truth" : "") + " (seed "
                    + mine.get(0).spec().seed() + ")", STEP_AXIS, StudyRuns.label(m.name(), m), series);
            out.add(new Figure(file, describe(m) + ": " + arm + " (first training seed)" + (truth != null
                    ? " against the ground truth (" + reference.name() + ")" : "") + StudyRuns.better(m)));
        }
        return out;
    }

    /** A curve with its declared band, or null when the run has no such curve. */
    private static Series banded(String name, Metric m, Map<String, Object> metrics) {
        double[] centre = MetricValues.curve(metrics.get(m.name()));
        if (centre == null) {
            return null;
        }
        double[] lower = m.band() == null ? null : MetricValues.curve(metrics.get(m.band().lower()));
        double[] upper = m.band() == null ? null : MetricValues.curve(metrics.get(m.band().upper()));
        boolean band = lower != null && upper != null && lower.length == centre.length && upper.length == centre.length;
        return band ? new Series(name, StudyRuns.steps(centre.length), centre, lower, upper)
                : Series.of(name, StudyRuns.steps(centre.length), centre);
    }

    private List<Figure> curves(Metric m) throws IOException {
        List<Series> series = new ArrayList<>();
        List<String> undefined = new ArrayList<>();
        for (String arm : arms) {
            List<ExperimentResults.RunResult> mine = StudyRuns.ofArm(runs, arm);
            // A run whose curve is undefined throughout (NaN) is not a seed of the mean.
            List<double[]> curves = mine.stream().map(r -> MetricValues.curve(r.metrics().get(m.name())))
                    .filter(c -> c != null && Arrays.stream(c).anyMatch(Double::isFinite)).toList();
            if (!curves.isEmpty()) {
                series.add(StudyRuns.meanBand(arm + " (n=" + curves.size() + ")", curves, m.range()));
            } else if (!mine.isEmpty()) {
                undefined.add(arm);
            }
        }
        // Every run of a study is evaluated on the same data: the reference of the first run that has it.
        double[] truth = m.reference() == null ? null : runs.stream()
                .map(r -> MetricValues.curve(r.metrics().get(m.reference()))).filter(Objects::nonNull).findFirst()
                .orElse(null);
        if (truth != null) {
            series.add(Series.of("ground truth", StudyRuns.steps(truth.length), truth));
        }
        if (series.isEmpty()) {
            return List.of();
        }
        Path file = figures.resolve(prefix + "-" + m.figure() + ".png");
        Charts.lines(file, title(m) + " against the rollout step", STEP_AXIS, StudyRuns.label(m.name(), m), series);
        return List.of(new Figure(file, describe(m) + " (" + m.name() + ": mean ± std over training seeds"
                + (truth != null ? "; ground truth: " + m.reference() : "") + StudyRuns.better(m) + ")"
                + (undefined.isEmpty() ? "" : "; not shown, undefined throughout every run: " + String.join(", ",
                        undefined))));
    }

    /** The declaration's description with a capital, or the name. */
    private static String describe(Metric m) {
        String d = m.description().isEmpty() ? m.name() : m.description();
        return Character.toUpperCase(d.charAt(0)) + d.substring(1);
    }

    /**
     * A chart's title: the description up to its first comma or parenthesis (what is measured, without
     * how), so that a reader sees words rather than the metric's key, which labels the axis.
     */
    static String title(Metric m) {
        String d = describe(m);
        int cut = d.length();
        for (String stop : new String[] {", ", " ("}) {
            int at = d.indexOf(stop);
            if (at > 0) {
                cut = Math.min(cut, at);
            }
        }
        return d.substring(0, cut);
    }

    /** The metrics of the declarations whose figure the pattern names, in declaration order. */
    static List<Metric> named(Declarations declared, String pattern) {
        return declared.all().stream().filter(m -> m.figure() != null
                && org.epnsj.harness.ExperimentConfig.matches(pattern, m.figure())).toList();
    }
}
