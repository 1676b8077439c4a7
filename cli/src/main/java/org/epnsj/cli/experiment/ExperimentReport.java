package org.epnsj.cli.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.epnsj.api.data.Trajectory;
import org.epnsj.cli.report.CellFrames;
import org.epnsj.cli.report.Charts;
import org.epnsj.cli.report.HtmlReport;
import org.epnsj.cli.report.Series;
import org.epnsj.cli.report.Tables;
import org.epnsj.cli.report.TrainingCharts;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.io.AtomicFiles;
import org.epnsj.runtime.run.RunDirectory;
import org.epnsj.runtime.training.EpochDiagnostics;
import org.epnsj.runtime.training.EpochSummary;

/**
 * Turns an experiment's {@code results.json} into its tables ({@code results.md}), figures
 * ({@code figures/}) and one self-contained page ({@code report.html}). Everything is drawn from
 * the results file, except the cell frames, which need the kept rollouts and the data folder, and the
 * training figures, which read each run's {@code metrics.jsonl}: both are kept as they are when those
 * are gone.
 */
public final class ExperimentReport {

    /** The page's file name inside an experiment's folder. */
    public static final String HTML = "report.html";
    /** The tables' file name inside an experiment's folder. */
    public static final String MARKDOWN = "results.md";

    /** The cellular evaluator's MSD curves over the step, for rollouts and for the data. */
    static final String MSD_MODEL = "displacementMsdCurveModel";
    static final String MSD_DATA = "displacementMsdCurveData";

    private final EpnsRuntime runtime;
    /** Each run's flattened metrics, computed once per report (tables and figures read them many times). */
    private final Map<ExperimentResults.RunResult, Map<String, Double>> scalars = new java.util.IdentityHashMap<>();

    /** @param runtime used to read cell data for the frame figures */
    public ExperimentReport(EpnsRuntime runtime) {
        this.runtime = runtime;
    }

    /** Writes the tables, figures and page of the experiment in {@code folder}; returns the page. */
    public Path write(Path folder, ExperimentResults results) throws IOException {
        scalars.clear();
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
        int missing = 0;
        for (ExperimentResults.StudyResults s : results.studies()) {
            missing += (int) s.runs().stream().filter(r -> !r.done()).count();
        }
        if (missing > 0) {
            List<String> reasons = new ArrayList<>();
            for (ExperimentResults.StudyResults s : results.studies()) {
                s.runs().stream().filter(r -> !r.done()).forEach(r -> reasons.add(r.spec().key() + " (" + r.status()
                        + ")"));
            }
            String note = missing + " planned run(s) are not finished: " + String.join(", ", reasons) + ". The tables "
                    + "and figures show the finished ones; run the experiment's command again to complete them.";
            html.paragraph(note);
            md.append("**").append(note).append("**\n\n");
        }
        for (ExperimentResults.StudyResults study : results.studies()) {
            writeStudy(folder, figures, study, html, md);
        }
        html.heading("Commands");
        html.code(String.join("\n", results.commands()));
        md.append("## Commands\n\n```bash\n").append(String.join("\n", results.commands())).append("\n```\n\n");
        Map<String, Object> provenance = new LinkedHashMap<>(results.relativeTo(folder).provenance());
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
        List<String> arms = study.arms().stream().map(ExperimentConfig.Arm::label).toList();
        TreeMap<Integer, List<ExperimentResults.RunResult>> bySize = new TreeMap<>(Comparator.reverseOrder());
        for (ExperimentResults.RunResult r : done) {
            bySize.computeIfAbsent(r.trainTrajectories(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<Integer, List<ExperimentResults.RunResult>> e : bySize.entrySet()) {
            List<String> header = new ArrayList<>();
            header.add("metric (mean ± std over seeds)");
            header.addAll(arms);
            List<List<String>> rows = table(study, arms, e.getValue());
            String caption = e.getKey() + " training trajectories";
            html.paragraph(caption);
            html.table(header, rows);
            md.append("**").append(caption).append("**\n\n").append(Tables.markdownTable(header, rows)).append('\n');
        }
        List<ExperimentResults.RunResult> largest = bySize.firstEntry().getValue();
        String prefix = study.domain() + "-" + study.preset();
        for (String kind : study.figureKinds()) {
            List<Figure> drawn = switch (kind) {
                case "ks-vs-time" -> ksVsTime(figures, prefix, arms, largest);
                case "energy-bands" -> energyBands(figures, prefix, arms, largest);
                case "stability" -> stability(figures, prefix, study, arms, largest);
                case "msd-vs-step" -> msdVsStep(figures, prefix, arms, largest);
                case "data-efficiency" -> dataEfficiency(figures, prefix, study, arms, done);
                case "cell-frames" -> cellFrames(figures, prefix, study, arms, largest);
                case "training" -> training(figures, prefix, arms, largest);
                default -> throw new IllegalArgumentException("unknown figure kind '" + kind + "'");
            };
            for (Figure f : drawn) {
                html.image(f.file(), f.caption());
                md.append("![").append(f.caption()).append("](").append(folder.relativize(f.file())).append(")\n\n");
            }
        }
    }

    /** A drawn figure and its caption. */
    private record Figure(Path file, String caption) {}

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
        out.addAll(table(study, arms, done.stream().filter(r -> r.trainTrajectories() == largest).toList()));
        return out;
    }

    private List<List<String>> table(ExperimentConfig.Study study, List<String> arms,
            List<ExperimentResults.RunResult> runs) {
        Set<String> names = new LinkedHashSet<>();
        for (ExperimentResults.RunResult r : runs) {
            names.addAll(scalars(r).keySet());
        }
        List<List<String>> rows = new ArrayList<>();
        for (String metric : Metrics.select(study.tableMetrics(), names)) {
            List<String> row = new ArrayList<>();
            row.add(metric);
            for (String arm : arms) {
                row.add(summary(runs, arm, r -> scalars(r).getOrDefault(metric, Double.NaN))
                        .format());
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

    private Map<String, Double> scalars(ExperimentResults.RunResult run) {
        return scalars.computeIfAbsent(run, r -> Metrics.scalars(r.metrics()));
    }

    private static Summary summary(List<ExperimentResults.RunResult> runs, String arm,
            java.util.function.ToDoubleFunction<ExperimentResults.RunResult> value) {
        return Summary.of(runs.stream().filter(r -> r.arm().equals(arm)).mapToDouble(value).toArray());
    }

    private static List<ExperimentResults.RunResult> ofArm(List<ExperimentResults.RunResult> runs, String arm) {
        return runs.stream().filter(r -> r.arm().equals(arm)).sorted(Comparator.comparingLong(r -> r.spec().seed()))
                .toList();
    }

    /** One chart per KS statistic: mean ± std over seeds against the rollout step. */
    private List<Figure> ksVsTime(Path figures, String prefix, List<String> arms,
            List<ExperimentResults.RunResult> runs) throws IOException {
        Map<String, TreeMap<Double, List<String>>> bases = new LinkedHashMap<>();
        for (ExperimentResults.RunResult r : runs) {
            for (String name : scalars(r).keySet()) {
                String[] parts = Metrics.splitStep(name);
                if (parts != null && parts[0].toLowerCase(Locale.ROOT).endsWith("statistic")) {
                    bases.computeIfAbsent(parts[0], k -> new TreeMap<>())
                            .computeIfAbsent(Double.parseDouble(parts[1]), k -> new ArrayList<>()).add(name);
                }
            }
        }
        List<Figure> out = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Double, List<String>>> base : bases.entrySet()) {
            List<Series> series = new ArrayList<>();
            for (String arm : arms) {
                List<ExperimentResults.RunResult> mine = ofArm(runs, arm);
                if (mine.isEmpty()) {
                    continue;
                }
                double[] x = base.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray();
                double[][] stats = new double[3][x.length];
                int i = 0;
                for (Map.Entry<Double, List<String>> step : base.getValue().entrySet()) {
                    String name = step.getValue().get(0);
                    Summary s = Summary.of(mine.stream()
                            .mapToDouble(r -> scalars(r).getOrDefault(name, Double.NaN)).toArray());
                    // D lies in [0, 1]; so does its band.
                    stats[0][i] = s.mean();
                    stats[1][i] = Math.max(0, s.mean() - s.std());
                    stats[2][i] = Math.min(1, s.mean() + s.std());
                    i++;
                }
                series.add(new Series(arm + " (n=" + mine.size() + ")", x, stats[0], stats[1], stats[2]));
            }
            Path file = figures.resolve(prefix + "-ks-" + safe(base.getKey()) + ".png");
            // Markers of distinct shapes with error bars: models with equal statistics stay visible.
            Charts.points(file, "KS statistic vs rollout step: " + base.getKey(), "rollout step [model steps]",
                    "two-sample KS statistic D (0 = same distribution)", series, false);
            out.add(new Figure(file, base.getKey() + " against the ground truth over the rollout (mean ± std over "
                    + "training seeds; lower is better)"));
        }
        return out;
    }

    /** Median and 10-90 % band of the total energy, model against ground truth, one chart per arm (first seed). */
    private static List<Figure> energyBands(Path figures, String prefix, List<String> arms,
            List<ExperimentResults.RunResult> runs) throws IOException {
        List<Figure> out = new ArrayList<>();
        for (String arm : arms) {
            List<ExperimentResults.RunResult> mine = ofArm(runs, arm);
            if (mine.isEmpty()) {
                continue;
            }
            Map<String, double[]> c = Metrics.curves(mine.get(0).metrics());
            if (!c.containsKey("totalEnergyModelMedian") || !c.containsKey("totalEnergyTruthMedian")) {
                continue;
            }
            double[] x = steps(c.get("totalEnergyModelMedian").length);
            List<Series> series = List.of(
                    new Series("ground truth: median, 10-90 %", x, c.get("totalEnergyTruthMedian"),
                            c.get("totalEnergyTruthQ10"), c.get("totalEnergyTruthQ90")),
                    new Series(arm + ": median, 10-90 %", x, c.get("totalEnergyModelMedian"),
                            c.get("totalEnergyModelQ10"), c.get("totalEnergyModelQ90")));
            Path file = figures.resolve(prefix + "-energy-" + safe(arm) + ".png");
            Charts.lines(file, "Total energy over the rollout: " + arm + " vs ground truth (seed "
                    + mine.get(0).spec().seed() + ")", "rollout step [model steps]",
                    "total energy [simulation units]", series);
            out.add(new Figure(file, "Total energy of " + arm + " rollouts against simulated trajectories from the "
                    + "same start (median and 10-90 % band)"));
        }
        return out;
    }

    /** The fraction of stable rollouts against the step, mean ± std over seeds, every arm in one chart. */
    private static List<Figure> stability(Path figures, String prefix, ExperimentConfig.Study study, List<String> arms,
            List<ExperimentResults.RunResult> runs) throws IOException {
        String key = study.stabilityCurve();
        if (key == null) {
            return List.of();
        }
        List<Series> series = new ArrayList<>();
        for (String arm : arms) {
            List<double[]> curves = ofArm(runs, arm).stream().map(r -> Metrics.curves(r.metrics()).get(key))
                    .filter(java.util.Objects::nonNull).toList();
            if (!curves.isEmpty()) {
                series.add(meanBand(arm + " (n=" + curves.size() + ")", curves, MetricScale.FRACTION));
            }
        }
        if (study.stabilityTruthCurve() != null && !runs.isEmpty()) {
            double[] truth = Metrics.curves(runs.get(0).metrics()).get(study.stabilityTruthCurve());
            if (truth != null) {
                series.add(Series.of("ground truth", steps(truth.length), truth));
            }
        }
        Path file = figures.resolve(prefix + "-stability.png");
        Charts.lines(file, "Long-rollout stability", "rollout step [model steps]", "fraction of rollouts stable",
                series);
        return List.of(new Figure(file, "Fraction of rollouts still stable at each step (mean ± std over training "
                + "seeds; " + key + ")"));
    }

    /**
     * The mean squared displacement of cell centres from the start against the step, every arm's
     * rollouts (mean ± std over seeds) and the data trajectories they start from.
     */
    private static List<Figure> msdVsStep(Path figures, String prefix, List<String> arms,
            List<ExperimentResults.RunResult> runs) throws IOException {
        List<Series> series = new ArrayList<>();
        List<String> untracked = new ArrayList<>();
        for (String arm : arms) {
            // A run none of whose cells stays present has no MSD at all (NaN throughout): not a seed of the mean.
            List<double[]> curves = ofArm(runs, arm).stream().map(r -> Metrics.curves(r.metrics()).get(MSD_MODEL))
                    .filter(c -> c != null && java.util.Arrays.stream(c).anyMatch(Double::isFinite)).toList();
            if (!curves.isEmpty()) {
                series.add(meanBand(arm + " (n=" + curves.size() + ")", curves, MetricScale.MSD));
            } else if (!ofArm(runs, arm).isEmpty()) {
                untracked.add(arm);
            }
        }
        // Every run of a study is evaluated on the same data.
        double[] truth = runs.stream().map(r -> Metrics.curves(r.metrics()).get(MSD_DATA))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (truth == null) {
            return List.of();
        }
        series.add(Series.of("ground truth", steps(truth.length), truth));
        Path file = figures.resolve(prefix + "-msd.png");
        Charts.lines(file, "Mean squared displacement of cell centres", "step from the start [model steps]",
                "MSD [" + MetricScale.MSD.unit + "]", series);
        return List.of(new Figure(file, "Mean squared displacement of cell centres from the start of each test "
                + "trajectory, model rollouts (mean ± std over training seeds) against the simulated trajectories "
                + "from the same starts; cells that vanish in a trajectory are left out (" + MSD_MODEL + ")"
                + (untracked.isEmpty() ? "" : "; not shown, no cell present throughout any rollout: "
                        + String.join(", ", untracked))));
    }

    /** Mean and ± std band over seeds of curves (cut to the shortest), the band within the scale's range. */
    private static Series meanBand(String name, List<double[]> curves, MetricScale scale) {
        int n = curves.stream().mapToInt(c -> c.length).min().orElse(0);
        double[] mean = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            final int t = i;
            Summary s = Summary.of(curves.stream().mapToDouble(c -> c[t]).toArray());
            mean[i] = s.mean();
            lo[i] = scale.clamp(s.mean() - s.std());
            hi[i] = scale.clamp(s.mean() + s.std());
        }
        return new Series(name, steps(n), mean, lo, hi);
    }

    /**
     * Training diagnostics from each run's {@code metrics.jsonl}: per arm, the first seed's training
     * figure (losses, KL per latent dimension, active dimensions, latent scales, one-step accuracy),
     * and across arms the active dimensions and each one-step accuracy figure against the epoch (mean
     * ± std over seeds). Runs trained before the diagnostics existed have none; figures drawn before
     * are kept when the run folders are gone.
     */
    private static List<Figure> training(Path figures, String prefix, List<String> arms,
            List<ExperimentResults.RunResult> runs) throws IOException {
        List<Figure> out = new ArrayList<>();
        Map<String, List<List<EpochSummary>>> diagnosed = new LinkedHashMap<>();
        for (String arm : arms) {
            List<ExperimentResults.RunResult> mine = ofArm(runs, arm);
            if (mine.isEmpty()) {
                continue;
            }
            List<List<EpochSummary>> histories = new ArrayList<>();
            for (ExperimentResults.RunResult r : mine) {
                histories.add(history(r));
            }
            Path file = figures.resolve(prefix + "-training-" + safe(arm) + ".png");
            if (!histories.get(0).isEmpty()) {
                TrainingCharts.write(file, arm + ": training, seed " + mine.get(0).spec().seed(), histories.get(0));
            }
            if (Files.exists(file)) {
                out.add(new Figure(file, "Training of " + arm + " (first training seed): losses; KL of each latent "
                        + "dimension per node (grey: inactive); active dimensions; prior and posterior sigma; "
                        + "one-step accuracy on fixed validation transitions"));
            }
            List<List<EpochSummary>> withDiagnostics = histories.stream()
                    .filter(h -> !h.isEmpty() && h.stream().allMatch(e -> e.diagnostics() != null)).toList();
            if (!withDiagnostics.isEmpty()) {
                diagnosed.put(arm, withDiagnostics);
            }
        }
        Path active = figures.resolve(prefix + "-active-units.png");
        if (!diagnosed.isEmpty()) {
            List<Series> series = new ArrayList<>();
            diagnosed.forEach((arm, hs) -> series.add(meanBand(arm + " (of " + hs.get(0).get(0).diagnostics()
                    .dimensions() + ", n=" + hs.size() + ")", curves(hs, d -> (double) d.activeUnits()),
                    MetricScale.COUNT)));
            Charts.lines(active, "Active latent dimensions during training", "epoch",
                    "active dimensions (KL per node > " + EpochDiagnostics.ACTIVE_UNIT_THRESHOLD + " nats)", series);
        }
        if (Files.exists(active)) {
            out.add(new Figure(active, "Latent dimensions in use (validation KL per node above "
                    + EpochDiagnostics.ACTIVE_UNIT_THRESHOLD + " nats) against the epoch (mean ± std over training "
                    + "seeds); 0 means the latent collapsed onto the prior"));
        }
        if (diagnosed.isEmpty()) {
            // Run folders gone: keep the accuracy figures drawn before.
            try (java.util.stream.Stream<Path> files = Files.list(figures)) {
                files.filter(f -> f.getFileName().toString().startsWith(prefix + "-one-step-")).sorted()
                        .forEach(f -> out.add(new Figure(f, "One rollout step (z from the prior) against the true "
                                + "next state on fixed validation transitions, against the epoch (mean ± std over "
                                + "training seeds)")));
            }
        }
        Set<String> names = new LinkedHashSet<>();
        diagnosed.values().forEach(hs -> hs.forEach(h -> names.addAll(h.get(0).diagnostics().oneStepAccuracy().keySet())));
        for (String name : names) {
            List<Series> series = new ArrayList<>();
            diagnosed.forEach((arm, hs) -> series.add(meanBand(arm + " (n=" + hs.size() + ")",
                    curves(hs, d -> d.oneStepAccuracy().getOrDefault(name, Double.NaN)),
                    name.endsWith("Accuracy") || name.endsWith("Fraction") ? MetricScale.FRACTION : MetricScale.RATIO)));
            Path file = figures.resolve(prefix + "-one-step-" + safe(name) + ".png");
            Charts.lines(file, "One-step " + name + " during training", "epoch", name, series);
            out.add(new Figure(file, "One rollout step (z from the prior) against the true next state on fixed "
                    + "validation transitions: " + name + " against the epoch (mean ± std over training seeds)"));
        }
        return out;
    }

    /** The run's epoch summaries, or none when its folder is gone. */
    private static List<EpochSummary> history(ExperimentResults.RunResult run) throws IOException {
        Path folder = Path.of(run.runFolder());
        return Files.isRegularFile(folder.resolve("config.json")) ? RunDirectory.open(folder).readMetrics() : List.of();
    }

    /** One curve per history of a per-epoch diagnostic. */
    private static List<double[]> curves(List<List<EpochSummary>> histories,
            java.util.function.ToDoubleFunction<EpochDiagnostics> value) {
        return histories.stream().map(h -> h.stream().mapToDouble(e -> value.applyAsDouble(e.diagnostics())).toArray())
                .toList();
    }

    /** Each table metric (per-step ones averaged over their steps) against the training-set size. */
    private List<Figure> dataEfficiency(Path figures, String prefix, ExperimentConfig.Study study,
            List<String> arms, List<ExperimentResults.RunResult> runs) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> names.addAll(scalars(r).keySet()));
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String name : Metrics.select(study.tableMetrics(), names)) {
            String[] parts = Metrics.splitStep(name);
            groups.computeIfAbsent(parts == null ? name : parts[0] + " (mean over steps)", k -> new ArrayList<>())
                    .add(name);
        }
        List<Figure> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            List<Series> series = new ArrayList<>();
            for (String arm : arms) {
                TreeMap<Integer, List<Double>> bySize = new TreeMap<>();
                for (ExperimentResults.RunResult r : ofArm(runs, arm)) {
                    Map<String, Double> s = scalars(r);
                    double v = g.getValue().stream().mapToDouble(n -> s.getOrDefault(n, Double.NaN)).average()
                            .orElse(Double.NaN);
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
                    double[] band = bandWithinRange(g.getKey(), s.mean() - s.std(), s.mean() + s.std());
                    stats[0][i] = s.mean();
                    stats[1][i] = band[0];
                    stats[2][i] = band[1];
                    i++;
                }
                series.add(new Series(arm, x, stats[0], stats[1], stats[2]));
            }
            Path file = figures.resolve(prefix + "-data-efficiency-" + safe(g.getKey()) + ".png");
            Charts.points(file, "Data efficiency: " + g.getKey(), "training trajectories [count, log scale]",
                    withUnit(g.getKey()), series, true);
            out.add(new Figure(file, g.getKey() + " against the number of training trajectories (mean ± std over "
                    + "training seeds)"));
        }
        return out;
    }

    /** Frames of ground-truth trajectories and model rollouts from the same start, and a GIF of one rollout. */
    private List<Figure> cellFrames(Path figures, String prefix, ExperimentConfig.Study study, List<String> arms,
            List<ExperimentResults.RunResult> runs) throws IOException {
        Path panel = figures.resolve(prefix + "-frames.png");
        List<Figure> kept = new ArrayList<>();
        List<String> rowLabels = new ArrayList<>();
        List<List<CellFrames.Frame>> rows = new ArrayList<>();
        ExperimentResults.RunResult anyRun = runs.get(0);
        Path data = Path.of(anyRun.dataFolder());
        int length = -1;
        if (Files.exists(data)) {
            List<Trajectory> truth = CellRollouts.truth(runtime, study.domain(), data, CellRollouts.SAMPLES);
            for (int i = 0; i < truth.size(); i++) {
                rowLabels.add("ground truth " + (i + 1));
                rows.add(CellRollouts.frames(truth.get(i)));
            }
        }
        List<CellFrames.Frame> gifFrames = null;
        String gifArm = null;
        for (String arm : arms) {
            List<ExperimentResults.RunResult> mine = ofArm(runs, arm);
            Path file = mine.isEmpty() ? null : Path.of(mine.get(0).runFolder()).resolve(ExperimentRunner.ROLLOUTS);
            if (file == null || !Files.exists(file)) {
                continue;
            }
            List<List<CellFrames.Frame>> samples = CellRollouts.read(file);
            for (int i = 0; i < samples.size(); i++) {
                rowLabels.add(arm + " sample " + (i + 1));
                rows.add(samples.get(i));
            }
            if (gifFrames == null) {
                gifFrames = samples.get(0);
                gifArm = arm;
            }
        }
        if (rows.size() <= CellRollouts.SAMPLES) {
            // Without rollouts (folders gone) the figures drawn before are kept.
            if (Files.exists(panel)) {
                kept.add(new Figure(panel, "Cell-type frames, ground truth and model rollouts from the same start"));
            }
            return kept;
        }
        length = rows.stream().mapToInt(List::size).min().orElse(1);
        int last = length - 1;
        int[] columns = java.util.stream.IntStream.of(0, 15, 30, 45).map(s -> Math.min(s, last)).distinct().toArray();
        List<String> columnLabels = new ArrayList<>();
        for (int c : columns) {
            columnLabels.add("step " + c);
        }
        List<List<CellFrames.Frame>> picked = new ArrayList<>();
        for (List<CellFrames.Frame> row : rows) {
            List<CellFrames.Frame> p = new ArrayList<>();
            for (int c : columns) {
                p.add(row.get(c));
            }
            picked.add(p);
        }
        CellFrames.panel(panel, "Cell sorting from one start: ground truth and model rollouts", rowLabels,
                columnLabels, picked);
        kept.add(new Figure(panel, "Cell types (colours) and cell boundaries at steps " + columnLabels
                + ": two ground-truth trajectories and two rollouts of each model, all from the shared start of "
                + "test_same_init (first training seed)"));
        if (gifFrames != null) {
            Path gif = figures.resolve(prefix + "-rollout-" + safe(gifArm) + ".gif");
            CellFrames.gif(gif, gifArm + " rollout", gifFrames, 200);
            kept.add(new Figure(gif, "One rollout of " + gifArm + ", every step"));
        }
        if (rowLabels.get(0).startsWith("ground truth")) {
            Path gif = figures.resolve(prefix + "-ground-truth.gif");
            CellFrames.gif(gif, "ground truth", rows.get(0), 200);
            kept.add(new Figure(gif, "One simulated trajectory from the same start, every frame"));
        }
        return kept;
    }

    private static double[] steps(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    private static String safe(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /**
     * What a table metric measures, told by its name: the unit its axis shows and the range its
     * values can take (KS statistics and fractions lie in [0, 1]; counts, speeds, displacements,
     * ratios and errors are not negative).
     */
    private enum MetricScale {
        NEGATIVE_ELBO("nats per transition", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "negativeelbo"),
        KS("KS statistic D, 0 = same distribution", 0, 1, "statistic"),
        FRACTION("fraction of rollouts", 0, 1, "stable"),
        SPEED("pixels per step", 0, Double.POSITIVE_INFINITY, "speed"),
        // Before the displacements: these count the cells the displacement figures are taken over.
        CELLS("cells", 0, Double.POSITIVE_INFINITY, "trackedcells", "excludedcells"),
        NET_DISPLACEMENT("pixels", 0, Double.POSITIVE_INFINITY, "netdisplacement"),
        MSD("pixels²", 0, Double.POSITIVE_INFINITY, "msd"),
        COUNT("count", 0, Double.POSITIVE_INFINITY, "clusters"),
        RATIO("model / simulator", 0, Double.POSITIVE_INFINITY, "ratio"),
        RMSE("simulation units", 0, Double.POSITIVE_INFINITY, "rmse"),
        OTHER(null, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

        private final String unit;
        private final double min;
        private final double max;
        private final String[] markers;

        MetricScale(String unit, double min, double max, String... markers) {
            this.unit = unit;
            this.min = min;
            this.max = max;
            this.markers = markers;
        }

        /** The first scale one of whose markers the metric's name contains. */
        static MetricScale of(String metric) {
            String m = metric.toLowerCase(Locale.ROOT);
            for (MetricScale scale : values()) {
                for (String marker : scale.markers) {
                    if (m.contains(marker)) {
                        return scale;
                    }
                }
            }
            return OTHER;
        }

        double clamp(double value) {
            return Math.min(max, Math.max(min, value));
        }
    }

    /** A mean ± std band cut to the values the metric can take. */
    static double[] bandWithinRange(String metric, double lo, double hi) {
        MetricScale scale = MetricScale.of(metric);
        return new double[] {scale.clamp(lo), scale.clamp(hi)};
    }

    /** The y-axis label of a table metric: its name and its unit. */
    static String withUnit(String metric) {
        MetricScale scale = MetricScale.of(metric);
        return scale.unit == null ? metric : metric + " [" + scale.unit + "]";
    }
}
