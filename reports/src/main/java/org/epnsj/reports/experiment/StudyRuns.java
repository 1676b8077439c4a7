package org.epnsj.reports.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.epnsj.api.metric.Better;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.metric.Range;
import org.epnsj.harness.ExperimentResults;
import org.epnsj.reports.Series;

/** What the figures of a study share: picking an arm's runs, file names, axes and mean ± std bands. */
final class StudyRuns {

    private StudyRuns() {}

    /** The runs of an arm, by training seed. */
    static List<ExperimentResults.RunResult> ofArm(List<ExperimentResults.RunResult> runs, String arm) {
        return runs.stream().filter(r -> r.arm().equals(arm)).sorted(Comparator.comparingLong(r -> r.spec().seed()))
                .toList();
    }

    /** A name as a file-name part: lower case, runs of other characters as one hyphen. */
    static String safe(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** 0, 1, ..., n - 1. */
    static double[] steps(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    /** The axis label of a value: its name and, if the metric has one, its unit in brackets. */
    static String label(String name, Metric metric) {
        return metric.unit().isEmpty() ? name : name + " [" + metric.unit() + "]";
    }

    /** "; lower is better" and the like, or nothing when the metric is not a score. */
    static String better(Metric metric) {
        return metric.better() == Better.NEITHER ? "" : "; " + metric.better().phrase();
    }

    /** Mean and ± std band over seeds of curves (cut to the shortest), the band within the range. */
    static Series meanBand(String name, List<double[]> curves, Range range) {
        int n = curves.stream().mapToInt(c -> c.length).min().orElse(0);
        double[] mean = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            final int t = i;
            Summary s = Summary.of(curves.stream().mapToDouble(c -> c[t]).toArray());
            mean[i] = s.mean();
            lo[i] = range.clamp(s.mean() - s.std());
            hi[i] = range.clamp(s.mean() + s.std());
        }
        return new Series(name, steps(n), mean, lo, hi);
    }

    /**
     * Figures drawn before and kept when their inputs (run folders) are gone: the files in {@code figures}
     * named {@code <start>...<end>}, in name order, each with {@code caption}.
     */
    static List<Figure> keptFigures(Path figures, String start, String end, String caption) throws IOException {
        if (!Files.isDirectory(figures)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(figures)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(start) && name.endsWith(end);
            }).sorted().map(f -> new Figure(f, caption)).toList();
        }
    }
}
