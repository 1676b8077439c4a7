package org.epnsj.reports.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.epnsj.api.metric.Range;
import org.epnsj.harness.ExperimentResults;
import org.epnsj.reports.Charts;
import org.epnsj.reports.Series;
import org.epnsj.reports.TrainingCharts;
import org.epnsj.runtime.run.RunDirectory;
import org.epnsj.runtime.training.EpochDiagnostics;
import org.epnsj.runtime.training.EpochSummary;

/**
 * The {@code training} figures, from each run's {@code metrics.jsonl}: per arm, the first seed's training
 * figure (losses, KL per latent dimension, active dimensions, latent scales, one-step accuracy), and across
 * arms the active dimensions and each one-step accuracy figure against the epoch (mean ± std over seeds).
 * Runs trained before the diagnostics existed have none; figures drawn before are kept when the run folders
 * are gone.
 */
final class TrainingFigures {

    private TrainingFigures() {}

    static List<Figure> draw(Path figures, String prefix, List<String> arms, List<ExperimentResults.RunResult> runs)
            throws IOException {
        List<Figure> out = new ArrayList<>();
        Map<String, List<List<EpochSummary>>> diagnosed = new LinkedHashMap<>();
        for (String arm : arms) {
            List<ExperimentResults.RunResult> mine = StudyRuns.ofArm(runs, arm);
            if (mine.isEmpty()) {
                continue;
            }
            List<List<EpochSummary>> histories = new ArrayList<>();
            for (ExperimentResults.RunResult r : mine) {
                histories.add(history(r));
            }
            Path file = figures.resolve(prefix + "-training-" + StudyRuns.safe(arm) + ".png");
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
            diagnosed.forEach((arm, hs) -> series.add(StudyRuns.meanBand(arm + " (of " + hs.get(0).get(0).diagnostics()
                    .dimensions() + ", n=" + hs.size() + ")", curves(hs, d -> (double) d.activeUnits()),
                    Range.NON_NEGATIVE)));
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
            out.addAll(StudyRuns.keptFigures(figures, prefix + "-one-step-", ".png", "One rollout step (z from the "
                    + "prior) against the true next state on fixed validation transitions, against the epoch (mean ± "
                    + "std over training seeds)"));
        }
        Set<String> names = new LinkedHashSet<>();
        diagnosed.values().forEach(hs -> hs.forEach(h -> names.addAll(h.get(0).diagnostics().oneStepAccuracy().keySet())));
        for (String name : names) {
            List<Series> series = new ArrayList<>();
            // The figures are the model's own choice (OneStepAccuracy), declared by nothing but their names;
            // every one of them is a ratio, an error or a fraction, so their bands stop at 0.
            diagnosed.forEach((arm, hs) -> series.add(StudyRuns.meanBand(arm + " (n=" + hs.size() + ")",
                    curves(hs, d -> d.oneStepAccuracy().getOrDefault(name, Double.NaN)), Range.NON_NEGATIVE)));
            Path file = figures.resolve(prefix + "-one-step-" + StudyRuns.safe(name) + ".png");
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
    private static List<double[]> curves(List<List<EpochSummary>> histories, ToDoubleFunction<EpochDiagnostics> value) {
        return histories.stream().map(h -> h.stream().mapToDouble(e -> value.applyAsDouble(e.diagnostics())).toArray())
                .toList();
    }
}
