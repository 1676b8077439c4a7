package org.epnsj.reports.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.epnsj.api.metric.Better;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.metric.Range;
import org.epnsj.harness.ExperimentConfig;
import org.epnsj.harness.ExperimentResults;
import org.epnsj.harness.FigureKind;
import org.epnsj.reports.Charts;
import org.epnsj.reports.HtmlReport;
import org.epnsj.reports.Series;
import org.epnsj.reports.Tables;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.io.AtomicFiles;

/**
 * Turns an experiment's {@code results.json} into its tables ({@code results.md}), figures
 * ({@code figures/}) and one self-contained page ({@code report.html}). Everything is drawn from the
 * results file and the metrics each domain's evaluator declares ({@link Metric}: units on the axes and
 * under the tables, ranges for the bands, which values are better in the captions, the figures it
 * declares), except the cell frames, which need the kept rollouts and the data folder, and the training
 * figures, which read each run's {@code metrics.jsonl}: both are kept as they are when those are gone.
 * A domain that is not loaded, or whose evaluator declares nothing, is reported with no units and no
 * figures of its metrics.
 */
public final class ExperimentReport {

    /** The page's file name inside an experiment's folder. */
    public static final String HTML = "report.html";
    /** The tables' file name inside an experiment's folder. */
    public static final String MARKDOWN = "results.md";

    private final EpnsRuntime runtime;
    private final Function<String, List<Metric>> declaredBy;
    /** Each run's numbers, computed once per report (tables and figures read them many times). */
    private final Map<ExperimentResults.RunResult, List<MetricValues.Value>> values = new IdentityHashMap<>();
    private final Map<ExperimentResults.RunResult, Map<String, Double>> byName = new IdentityHashMap<>();
    private final Map<String, Declarations> declarations = new HashMap<>();

    /** @param runtime its plugins' evaluators declare the metrics; it reads cell data for the frame figures */
    public ExperimentReport(EpnsRuntime runtime) {
        this(runtime, domain -> declared(runtime, domain));
    }

    /**
     * @param runtime reads cell data for the frame figures
     * @param declaredBy the metrics each domain's evaluator declares (none for a domain not loaded)
     */
    ExperimentReport(EpnsRuntime runtime, Function<String, List<Metric>> declaredBy) {
        this.runtime = runtime;
        this.declaredBy = declaredBy;
    }

    private static List<Metric> declared(EpnsRuntime runtime, String domain) {
        return runtime.plugins().domains().containsKey(domain)
                ? runtime.plugins().domain(domain).evaluator().metrics() : List.of();
    }

    /** Writes the tables, figures and page of the experiment in {@code folder}; returns the page. */
    public Path write(Path folder, ExperimentResults results) throws IOException {
        values.clear();
        byName.clear();
        declarations.clear();
        Path figures = folder.resolve("figures");
        Files.createDirectories(figures);
        ExperimentConfig config = results.config();
        HtmlReport html = new HtmlReport(config.title());
        StringBuilder md = new StringBuilder("# ").append(config.title()).append("\n\n");
        html.paragraph(config.question());
        md.append(config.question()).append("\n\n");
        String budget = "Compute budget: " + config.budget();
        html.paragraph(budget);
        md.append(budget).append("\n\n");
        List<String> reasons = new ArrayList<>();
        for (ExperimentResults.StudyResults s : results.studies()) {
            s.runs().stream().filter(r -> !r.done()).forEach(r -> reasons.add(r.spec().key() + " (" + r.status() + ")"));
        }
        if (!reasons.isEmpty()) {
            String note = reasons.size() + " planned run(s) are not finished: " + String.join(", ", reasons)
                    + ". The tables and figures show the finished ones; run the experiment's command again to "
                    + "complete them.";
            html.paragraph(note);
            md.append("**").append(note).append("**\n\n");
        }
        for (ExperimentResults.StudyResults study : results.studies()) {
            writeStudy(folder, figures, study, html, md);
        }
        html.heading("Commands");
        html.code(String.join("\n", results.commands()));
        md.append("## Commands\n\n```bash\n").append(String.join("\n", results.commands())).append("\n```\n\n");
        Map<String, Object> provenance = new LinkedHashMap<>();
        // A results file read back gives every number as a double: counts print as counts again.
        results.relativeTo(folder).provenance().forEach((k, v) -> provenance.put(k,
                v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) d.longValue() : v));
        provenance.put("runs trained at (commit: runs)", commitCounts(results, true));
        provenance.put("runs evaluated at (commit: runs)", commitCounts(results, false));
        html.heading("Provenance");
        html.keyValues("provenance", provenance);
        md.append("## Provenance\n\n");
        provenance.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        byte[] bytes = md.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(folder.resolve(MARKDOWN), o -> o.write(bytes));
        Path page = folder.resolve(HTML);
        html.write(page);
        return page;
    }

    /** How many finished runs were trained (or evaluated) at each commit. */
    private static Map<String, Integer> commitCounts(ExperimentResults results, boolean trained) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ExperimentResults.StudyResults s : results.studies()) {
            for (ExperimentResults.RunResult r : s.runs()) {
                if (r.done()) {
                    counts.merge(String.valueOf(trained ? r.trainedAt() : r.evaluatedAt()), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private void writeStudy(Path folder, Path figures, ExperimentResults.StudyResults results, HtmlReport html,
            StringBuilder md) throws IOException {
        ExperimentConfig.Study study = results.study();
        List<ExperimentResults.RunResult> done = results.runs().stream().filter(ExperimentResults.RunResult::done)
                .toList();
        String heading = study.domain() + ", preset " + study.preset() + " (" + study.seeds().size()
                + " training seed(s): " + study.seeds() + ")";
        html.heading(heading);
        md.append("## ").append(heading).append("\n\n");
        if (done.isEmpty()) {
            html.paragraph("No finished runs yet.");
            md.append("No finished runs yet.\n\n");
            return;
        }
        Declarations declared = declarations(study.domain());
        List<String> arms = study.arms().stream().map(ExperimentConfig.Arm::label).toList();
        TreeMap<Integer, List<ExperimentResults.RunResult>> bySize = new TreeMap<>(Comparator.reverseOrder());
        for (ExperimentResults.RunResult r : done) {
            bySize.computeIfAbsent(r.trainTrajectories(), k -> new ArrayList<>()).add(r);
        }
        Set<Metric> shown = new LinkedHashSet<>();
        for (Map.Entry<Integer, List<ExperimentResults.RunResult>> e : bySize.entrySet()) {
            List<String> header = new ArrayList<>();
            header.add("metric (mean ± std over seeds)");
            header.addAll(arms);
            List<List<String>> rows = table(study, arms, e.getValue(), shown);
            String caption = e.getKey() + " training trajectories";
            html.paragraph(caption);
            html.table(header, rows);
            md.append("**").append(caption).append("**\n\n").append(Tables.markdownTable(header, rows)).append('\n');
        }
        writeDefinitions(shown, html, md);
        List<ExperimentResults.RunResult> largest = bySize.firstEntry().getValue();
        String prefix = study.domain() + "-" + study.preset();
        MetricFigures metricFigures = new MetricFigures(figures, prefix, arms, largest, this::values, declared);
        Set<Metric> drawn = new LinkedHashSet<>();
        for (String name : study.figureNames()) {
            Optional<FigureKind> kind = FigureKind.named(name);
            List<Figure> made = new ArrayList<>();
            if (kind.isPresent()) {
                made.addAll(switch (kind.get()) {
                    case DATA_EFFICIENCY -> dataEfficiency(figures, prefix, study, arms, done);
                    case CELL_FRAMES -> CellFrameFigures.draw(runtime, figures, prefix, study.domain(), arms, largest);
                    case SWARM_FRAMES -> SwarmFrameFigures.draw(runtime, figures, prefix, study.domain(), arms, largest);
                    case TRAINING -> TrainingFigures.draw(figures, prefix, arms, largest);
                });
            } else {
                List<Metric> named = MetricFigures.named(declared, name);
                // "*" asks for whatever the evaluator declares, which may be nothing.
                if (named.isEmpty() && !name.equals("*")) {
                    List<String> declaredFigures = declared.all().stream().map(Metric::figure)
                            .filter(java.util.Objects::nonNull).toList();
                    String note = "No figure '" + name + "': the evaluator of " + study.domain() + " declares "
                            + (declared.all().isEmpty() ? "no metrics (or its plugin is not loaded)"
                                    : declaredFigures.isEmpty() ? "no figures" : "the figures " + declaredFigures) + ".";
                    html.paragraph(note);
                    md.append(note).append("\n\n");
                }
                for (Metric m : named) {
                    if (drawn.add(m)) {
                        made.addAll(metricFigures.draw(m));
                    }
                }
            }
            for (Figure f : made) {
                html.image(f.file(), f.caption());
                md.append("![").append(f.caption()).append("](").append(folder.relativize(f.file())).append(")\n\n");
            }
        }
    }

    /**
     * What the table's metrics are, from their declarations: unit, the values they can take, which are
     * better, and what they measure.
     */
    private static void writeDefinitions(Set<Metric> shown, HtmlReport html, StringBuilder md) {
        if (shown.isEmpty()) {
            return;
        }
        List<String> header = List.of("metric", "unit", "values", "better", "what it measures");
        List<List<String>> rows = new ArrayList<>();
        for (Metric m : shown) {
            boolean declared = !m.description().isEmpty();
            rows.add(List.of(m.name(), m.unit().isEmpty() ? "–" : m.unit(), range(m.range()),
                    m.better().phrase().isEmpty() ? "–" : m.better().phrase().replace(" is better", "")
                            + (m.reference() != null && m.better() == Better.CLOSER_TO_REFERENCE
                                    ? " (" + m.reference() + ")" : ""),
                    declared ? m.description() : "not declared by the evaluator"));
        }
        String caption = "The metrics, as the evaluator declares them";
        html.paragraph(caption);
        html.table(header, rows);
        md.append("*").append(caption).append("*\n\n").append(Tables.markdownTable(header, rows)).append('\n');
    }

    /** "[0, 1]", "≥ 0", "any". */
    static String range(Range r) {
        boolean low = Double.isFinite(r.min());
        boolean high = Double.isFinite(r.max());
        if (low && high) {
            return "[" + number(r.min()) + ", " + number(r.max()) + "]";
        }
        return low ? "≥ " + number(r.min()) : high ? "≤ " + number(r.max()) : "any";
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * The first study's table for its largest training-set size, header row first: metric rows as in
     * {@code results.md}, one column per arm; empty when no run is finished.
     */
    public List<List<String>> headlineTable(ExperimentResults results) {
        ExperimentResults.StudyResults first = results.studies().get(0);
        ExperimentConfig.Study study = first.study();
        List<ExperimentResults.RunResult> done = first.runs().stream().filter(ExperimentResults.RunResult::done).toList();
        if (done.isEmpty()) {
            return List.of();
        }
        int largest = done.stream().mapToInt(ExperimentResults.RunResult::trainTrajectories).max().orElseThrow();
        List<String> arms = study.arms().stream().map(ExperimentConfig.Arm::label).toList();
        List<List<String>> out = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("metric"));
        header.addAll(arms);
        out.add(header);
        out.addAll(table(study, arms, done.stream().filter(r -> r.trainTrajectories() == largest).toList(),
                new LinkedHashSet<>()));
        return out;
    }

    /** The table's rows; adds the declarations of the metrics shown to {@code shown}. */
    private List<List<String>> table(ExperimentConfig.Study study, List<String> arms,
            List<ExperimentResults.RunResult> runs, Set<Metric> shown) {
        Map<String, Metric> names = new LinkedHashMap<>();
        for (ExperimentResults.RunResult r : runs) {
            values(r).forEach(v -> names.putIfAbsent(v.name(), v.metric()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (String metric : MetricValues.select(study.tableMetrics(), names.keySet())) {
            shown.add(names.get(metric));
            List<String> row = new ArrayList<>();
            row.add(metric);
            for (String arm : arms) {
                row.add(summary(runs, arm, r -> value(r, metric)).format());
            }
            rows.add(row);
        }
        List<String> time = new ArrayList<>(List.of("training time [min]"));
        List<String> epoch = new ArrayList<>(List.of("epoch of the best checkpoint"));
        List<String> seeds = new ArrayList<>(List.of("finished seeds"));
        for (String arm : arms) {
            time.add(summary(runs, arm, r -> r.trainingSeconds() / 60).format());
            epoch.add(summary(runs, arm, r -> r.checkpointEpoch()).format());
            seeds.add(Long.toString(runs.stream().filter(r -> r.arm().equals(arm)).count()));
        }
        rows.add(time);
        rows.add(epoch);
        rows.add(seeds);
        return rows;
    }

    private Declarations declarations(String domain) {
        return declarations.computeIfAbsent(domain, d -> new Declarations(declaredBy.apply(d)));
    }

    private List<MetricValues.Value> values(ExperimentResults.RunResult run) {
        return values.computeIfAbsent(run, r -> MetricValues.scalars(r.metrics(), declarations(r.spec().domain())));
    }

    /** The run's number of that name, NaN if it has none. */
    private double value(ExperimentResults.RunResult run, String name) {
        return byName.computeIfAbsent(run, r -> {
            Map<String, Double> m = new HashMap<>();
            values(r).forEach(v -> m.putIfAbsent(v.name(), v.value()));
            return m;
        }).getOrDefault(name, Double.NaN);
    }

    private static Summary summary(List<ExperimentResults.RunResult> runs, String arm,
            ToDoubleFunction<ExperimentResults.RunResult> value) {
        return Summary.of(runs.stream().filter(r -> r.arm().equals(arm)).mapToDouble(value).toArray());
    }

    /** Each table metric (per-step ones averaged over their steps) against the training-set size. */
    private List<Figure> dataEfficiency(Path figures, String prefix, ExperimentConfig.Study study,
            List<String> arms, List<ExperimentResults.RunResult> runs) throws IOException {
        Map<String, MetricValues.Value> byName = new LinkedHashMap<>();
        runs.forEach(r -> values(r).forEach(v -> byName.putIfAbsent(v.name(), v)));
        // Per-step values of one metric form one group, averaged over their steps.
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Map<String, Metric> groupMetric = new HashMap<>();
        for (String name : MetricValues.select(study.tableMetrics(), byName.keySet())) {
            MetricValues.Value v = byName.get(name);
            String group = v.step() == null ? name : v.metric().name() + " (mean over steps)";
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(name);
            groupMetric.putIfAbsent(group, v.metric());
        }
        List<Figure> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            Metric metric = groupMetric.get(g.getKey());
            List<Series> series = new ArrayList<>();
            for (String arm : arms) {
                TreeMap<Integer, List<Double>> bySize = new TreeMap<>();
                for (ExperimentResults.RunResult r : StudyRuns.ofArm(runs, arm)) {
                    double v = g.getValue().stream().mapToDouble(n -> value(r, n)).average().orElse(Double.NaN);
                    bySize.computeIfAbsent(r.trainTrajectories(), k -> new ArrayList<>()).add(v);
                }
                if (bySize.isEmpty()) {
                    continue;
                }
                double[] x = new double[bySize.size()];
                double[][] stats = new double[3][bySize.size()];
                int i = 0;
                for (Map.Entry<Integer, List<Double>> e : bySize.entrySet()) {
                    Summary s = Summary.of(e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
                    x[i] = e.getKey();
                    stats[0][i] = s.mean();
                    stats[1][i] = metric.range().clamp(s.mean() - s.std());
                    stats[2][i] = metric.range().clamp(s.mean() + s.std());
                    i++;
                }
                series.add(new Series(arm, x, stats[0], stats[1], stats[2]));
            }
            Path file = figures.resolve(prefix + "-data-efficiency-" + StudyRuns.safe(g.getKey()) + ".png");
            String axis = StudyRuns.label(g.getKey(), metric);
            Charts.points(file, "Data efficiency: " + g.getKey(), "training trajectories [count, log scale]", axis,
                    series, true);
            out.add(new Figure(file, axis + " against the number of training trajectories (mean ± std over "
                    + "training seeds" + StudyRuns.better(metric) + ")"));
        }
        return out;
    }
}
