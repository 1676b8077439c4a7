package org.epnsj.reports;

import java.awt.Color;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.epnsj.runtime.training.EpochDiagnostics;
import org.epnsj.runtime.training.EpochSummary;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * One figure of a run's training, from its {@code metrics.jsonl}: panels over a shared epoch axis
 * for the losses, and, for epochs that recorded {@link EpochDiagnostics}, the KL of every latent
 * dimension (a heat map: grey where the dimension is inactive), the number of active dimensions, the
 * prior's and posterior's scales and the one-step accuracy; for epochs that recorded their
 * {@link org.epnsj.runtime.training.TrainingHealth}, the gradient norms (a spike before a jump in the
 * loss shows a step that threw the parameters off). A collapsed latent shows as an all-grey
 * map, no active dimensions and a posterior sigma equal to the prior's.
 */
public final class TrainingCharts {

    static {
        Headless.ensure();
    }

    public static final int WIDTH = 1000;
    private static final int TITLE_HEIGHT = 150;
    private static final int PANEL_HEIGHT = 250;
    /** Log10 of the smallest KL per node the heat map tells apart; smaller values take its colour. */
    private static final double LOG_KL_FLOOR = -4;
    /** Viridis from light to dark: the more KL, the darker. */
    private static final Color[] ACTIVE_COLOURS = {new Color(0xFDE725), new Color(0x5EC962), new Color(0x21918C),
        new Color(0x3B528B), new Color(0x440154)};

    private TrainingCharts() {}

    /** Writes the figure as a PNG {@value #WIDTH} pixels wide and as tall as its panels need. */
    public static void write(Path png, String title, List<EpochSummary> epochs) throws IOException {
        JFreeChart chart = chart(title, epochs);
        int panels = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots().size();
        ReportFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, TITLE_HEIGHT + panels * PANEL_HEIGHT));
    }

    /** The chart: the loss panel, then the diagnostics panels when any epoch has diagnostics. */
    static JFreeChart chart(String title, List<EpochSummary> epochs) {
        NumberAxis epochAxis = new NumberAxis("epoch (0-based, as in metrics.jsonl)");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochAxis.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
        plot.setGap(14);
        List<Panel> panels = new ArrayList<>();
        panels.add(lossPanel(epochs));
        List<EpochSummary> measured = epochs.stream().filter(e -> e.health() != null).toList();
        if (!measured.isEmpty()) {
            panels.add(gradientPanel(measured));
        }
        List<EpochSummary> diagnosed = epochs.stream().filter(e -> e.diagnostics() != null).toList();
        PaintScaleLegend scaleLegend = null;
        if (!diagnosed.isEmpty()) {
            EpochDiagnostics first = diagnosed.get(0).diagnostics();
            KlScale scale = new KlScale(Math.log10(first.activeUnitThreshold()), upperLogKl(diagnosed));
            panels.add(klPanel(diagnosed, scale));
            scaleLegend = scaleLegend(scale);
            panels.add(activePanel(diagnosed));
            if (diagnosed.stream().anyMatch(e -> e.diagnostics().priorSigma() != null)) {
                panels.add(scalePanel(diagnosed));
            }
            if (diagnosed.stream().anyMatch(e -> !e.diagnostics().oneStepAccuracy().isEmpty())) {
                panels.add(accuracyPanel(diagnosed));
            }
        }
        for (Panel p : panels) {
            plot.add(p.plot(), p.weight());
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartStyle.apply(chart, plot);
        // Colours after the theme, which resets them; one colour index per line across panels, so
        // the one legend names every line unambiguously.
        int colour = 0;
        for (Panel p : panels) {
            if (p.lines() != null) {
                colour = style(p, colour);
            }
            p.plot().setBackgroundPaint(Color.WHITE);
        }
        if (scaleLegend != null) {
            chart.addSubtitle(scaleLegend);
        }
        return chart;
    }

    /** One panel and, for line panels, the runs whose colours it needs. */
    private record Panel(XYPlot plot, int weight, PlottableRuns lines) {}

    private static Panel lossPanel(List<EpochSummary> epochs) {
        double[] x = epochs.stream().mapToDouble(EpochSummary::epoch).toArray();
        List<Series> series = List.of(
                Series.of("training loss (per sample and step, with beta)", x,
                        epochs.stream().mapToDouble(EpochSummary::trainLoss).toArray()),
                Series.of("validation negative ELBO (one step, beta 1)", x,
                        epochs.stream().mapToDouble(EpochSummary::validationNegativeElbo).toArray()));
        return linePanel(series, "nats per transition", 3);
    }

    /**
     * Median and largest gradient norm per epoch on a log axis (the largest before clipping), and the batches
     * recomputed after a fault or clipped.
     */
    private static Panel gradientPanel(List<EpochSummary> epochs) {
        double[] x = epochs.stream().mapToDouble(EpochSummary::epoch).toArray();
        int recomputed = epochs.stream().mapToInt(e -> e.health().recomputedBatches()).sum();
        int clipped = epochs.stream().mapToInt(e -> e.health().clippedBatches()).sum();
        List<Series> series = List.of(
                Series.of("gradient norm, median over the epoch's steps", x,
                        epochs.stream().mapToDouble(e -> e.health().gradientNormMedian()).toArray()),
                Series.of("gradient norm, largest step before clipping (" + clipped + " batches clipped, "
                        + recomputed + " recomputed after a non-finite first attempt)", x, epochs.stream().mapToDouble(e -> e.health().gradientNormMax()).toArray()));
        Panel panel = linePanel(series, "global L2 norm", 2);
        org.jfree.chart.axis.LogAxis axis = new org.jfree.chart.axis.LogAxis("global L2 norm (log)");
        axis.setAutoRange(true);
        panel.plot().setRangeAxis(axis);
        return panel;
    }

    private static Panel activePanel(List<EpochSummary> epochs) {
        double[] x = epochs.stream().mapToDouble(EpochSummary::epoch).toArray();
        EpochDiagnostics first = epochs.get(0).diagnostics();
        String label = String.format(Locale.ROOT, "active latent dimensions (KL per node > %s nats)",
                number(first.activeUnitThreshold()));
        Panel panel = linePanel(List.of(Series.of(label, x,
                epochs.stream().mapToDouble(e -> e.diagnostics().activeUnits()).toArray())),
                "active of " + first.dimensions(), 2);
        NumberAxis axis = (NumberAxis) panel.plot().getRangeAxis();
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setRange(-0.5, epochs.stream().mapToInt(e -> e.diagnostics().dimensions()).max().orElse(1) + 0.5);
        return panel;
    }

    private static Panel scalePanel(List<EpochSummary> epochs) {
        double[] x = epochs.stream().mapToDouble(EpochSummary::epoch).toArray();
        List<Series> series = List.of(
                Series.of("prior sigma (mean over dimensions)", x, averaged(epochs, d -> d.priorSigma())),
                Series.of("posterior sigma", x, averaged(epochs, d -> d.posteriorSigma())),
                Series.of("|posterior mean - prior mean|", x, averaged(epochs, d -> d.meanShift())));
        return linePanel(series, "latent scale", 2);
    }

    private static double[] averaged(List<EpochSummary> epochs,
            java.util.function.Function<EpochDiagnostics, List<Double>> perDimension) {
        return epochs.stream().mapToDouble(e -> EpochDiagnostics.average(perDimension.apply(e.diagnostics())))
                .toArray();
    }

    private static Panel accuracyPanel(List<EpochSummary> epochs) {
        double[] x = epochs.stream().mapToDouble(EpochSummary::epoch).toArray();
        Set<String> names = new LinkedHashSet<>();
        epochs.forEach(e -> names.addAll(e.diagnostics().oneStepAccuracy().keySet()));
        List<Series> series = new ArrayList<>();
        int transitions = epochs.get(epochs.size() - 1).diagnostics().accuracyTransitions();
        for (String name : names) {
            series.add(Series.of("one-step " + name + " (" + transitions + " validation transitions)", x,
                    epochs.stream().mapToDouble(e -> e.diagnostics().oneStepAccuracy().getOrDefault(name, Double.NaN))
                            .toArray()));
        }
        return linePanel(series, "one step vs truth", 2);
    }

    private static Panel linePanel(List<Series> series, String yLabel, int weight) {
        PlottableRuns runs = new PlottableRuns(series, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(runs.dataset(), null, y, renderer);
        plot.setDomainGridlinesVisible(true);
        plot.setRangeGridlinesVisible(true);
        Charts.widenIfDegenerate(y, org.jfree.data.general.DatasetUtils.findRangeBounds(runs.dataset(), true));
        return new Panel(plot, weight, runs);
    }

    /** Colours the runs of one line panel from colour index {@code first}; returns the next free index. */
    private static int style(Panel panel, int first) {
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) panel.plot().getRenderer();
        int next = first;
        for (int i = 0; i < panel.lines().runs().size(); i++) {
            PlottableRuns.Run run = panel.lines().runs().get(i);
            int index = first + run.series();
            Color color = ChartStyle.color(index);
            renderer.setSeriesPaint(i, color);
            renderer.setSeriesStroke(i, ChartStyle.LINE);
            renderer.setSeriesShape(i, ChartStyle.shape(index));
            renderer.setSeriesVisibleInLegend(i, run.part() == 0);
            next = Math.max(next, index + 1);
        }
        return next;
    }

    /** The heat map: epochs across, dimensions up, the colour of log10 of the KL per node. */
    private static Panel klPanel(List<EpochSummary> epochs, KlScale scale) {
        int dims = epochs.stream().mapToInt(e -> e.diagnostics().dimensions()).max().orElse(0);
        List<double[]> cells = new ArrayList<>();
        for (EpochSummary e : epochs) {
            EpochDiagnostics d = e.diagnostics();
            for (int dim = 0; dim < d.dimensions(); dim++) {
                cells.add(new double[] {e.epoch(), dim, logKlPerNode(d, dim)});
            }
        }
        double[][] xyz = new double[3][cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            for (int c = 0; c < 3; c++) {
                xyz[c][i] = cells.get(i)[c];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("KL per node", xyz);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        renderer.setDefaultSeriesVisibleInLegend(false);
        NumberAxis y = new NumberAxis("latent dimension");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setRange(-0.5, Math.max(dims, 1) - 0.5);
        XYPlot plot = new XYPlot(data, null, y, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        return new Panel(plot, 3, null);
    }

    private static double logKlPerNode(EpochDiagnostics d, int dim) {
        double perNode = d.klPerDimension().get(dim) / d.latentNodes();
        return perNode > 0 ? Math.max(LOG_KL_FLOOR, Math.log10(perNode)) : LOG_KL_FLOOR;
    }

    private static double upperLogKl(List<EpochSummary> epochs) {
        double max = 0;
        for (EpochSummary e : epochs) {
            for (int dim = 0; dim < e.diagnostics().dimensions(); dim++) {
                max = Math.max(max, logKlPerNode(e.diagnostics(), dim));
            }
        }
        return Math.ceil(max);
    }

    private static PaintScaleLegend scaleLegend(KlScale scale) {
        NumberAxis axis = new NumberAxis("log10 KL per node and transition [nats]; grey: inactive");
        axis.setRange(scale.getLowerBound(), scale.getUpperBound());
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setStripWidth(14);
        legend.setMargin(new RectangleInsets(4, 80, 4, 80));
        legend.setBackgroundPaint(Color.WHITE);
        return legend;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }

    /**
     * Log10 KL per node to a colour: greys below the active-unit threshold (lighter for less), a
     * light-to-dark sequential scale above it.
     */
    static final class KlScale implements PaintScale {

        private final double threshold;
        private final double upper;

        KlScale(double logThreshold, double upperLog) {
            this.threshold = logThreshold;
            this.upper = Math.max(upperLog, logThreshold + 1);
        }

        @Override
        public double getLowerBound() {
            return LOG_KL_FLOOR;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        @Override
        public Paint getPaint(double value) {
            if (!Double.isFinite(value)) {
                return Color.WHITE;
            }
            if (value <= threshold) {
                double t = (Math.max(value, LOG_KL_FLOOR) - LOG_KL_FLOOR) / Math.max(1e-9, threshold - LOG_KL_FLOOR);
                int grey = (int) Math.round(236 - t * (236 - 160));
                return new Color(grey, grey, grey);
            }
            double t = Math.min(1, (value - threshold) / (upper - threshold)) * (ACTIVE_COLOURS.length - 1);
            int i = Math.min((int) t, ACTIVE_COLOURS.length - 2);
            return mix(ACTIVE_COLOURS[i], ACTIVE_COLOURS[i + 1], t - i);
        }

        private static Color mix(Color a, Color b, double t) {
            return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                    (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                    (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
        }
    }
}
