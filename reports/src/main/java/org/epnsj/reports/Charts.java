package org.epnsj.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Line, point and bar charts of {@link Series}, written as PNG files. Every series gets the colour
 * {@link #seriesColor(int)} of its index; non-finite values leave gaps; a chart without any
 * drawable value still renders, with a "no data" note. Files are written atomically and their
 * folder is created when missing.
 */
public final class Charts {

    static {
        Headless.ensure();
    }

    public static final int DEFAULT_WIDTH = 1000;
    public static final int DEFAULT_HEIGHT = 600;

    /** Categories beyond which bar labels are turned, so that long model names do not overlap. */
    private static final int UPRIGHT_CATEGORY_LABELS = 6;

    private Charts() {}

    /** The colour of the series at {@code index} in every chart. */
    public static Color seriesColor(int index) {
        return ChartStyle.color(index);
    }

    /**
     * A line chart; a series with intervals gets a translucent band between lower and upper in its
     * colour.
     */
    public static void lines(Path png, String title, String xLabel, String yLabel, List<Series> series)
            throws IOException {
        PlottableRuns runs = new PlottableRuns(series, false);
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setAlpha(ChartStyle.BAND_ALPHA);
        XYPlot plot = xyPlot(runs, numberAxis(xLabel), yLabel, renderer);
        JFreeChart chart = chart(title, plot);
        styleRuns(renderer, runs);
        for (int i = 0; i < runs.runs().size(); i++) {
            // An isolated point has no line to show it.
            renderer.setSeriesShapesVisible(i, runs.runs().get(i).points() == 1);
        }
        write(png, chart);
    }

    /**
     * Markers joined by lines, with vertical error bars from lower to upper where a series has
     * intervals; with {@code logX} the x axis is logarithmic and points at x &lt;= 0 are left out.
     */
    public static void points(Path png, String title, String xLabel, String yLabel, List<Series> series, boolean logX)
            throws IOException {
        PlottableRuns runs = new PlottableRuns(series, logX);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDrawYError(true);
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        renderer.setCapLength(8);
        renderer.setErrorStroke(new BasicStroke(1.5f));
        XYPlot plot = xyPlot(runs, logX ? logAxis(xLabel) : numberAxis(xLabel), yLabel, renderer);
        JFreeChart chart = chart(title, plot);
        styleRuns(renderer, runs);
        write(png, chart);
    }

    /**
     * A grouped bar chart: one group per category, one bar per series, with {@code series.y()[c]}
     * the mean of category {@code c} and an error bar of plus and minus {@code upper - y}
     * (lower is taken to be symmetric; x is ignored).
     */
    public static void bars(Path png, String title, String categoryLabel, String valueLabel, List<String> categories,
            List<Series> series) throws IOException {
        PlottableRuns.requireDistinctNames(series);
        DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
        boolean anyValue = series.stream().anyMatch(s -> {
            for (int c = 0; c < s.size(); c++) {
                if (Double.isFinite(s.yAt(c))) {
                    return true;
                }
            }
            return false;
        });
        for (Series s : series) {
            if (s.size() != categories.size()) {
                throw new IllegalArgumentException("series '" + s.name() + "' has " + s.size() + " values but there are "
                        + categories.size() + " categories");
            }
            for (int c = 0; anyValue && c < categories.size(); c++) {
                double mean = s.yAt(c);
                double std = s.upperAt(c) - mean;
                dataset.add(Double.isFinite(mean) ? mean : null, Double.isFinite(std) ? std : null, s.name(),
                        categories.get(c));
            }
        }
        CategoryAxis categoryAxis = new CategoryAxis(requireLabel(categoryLabel, "category"));
        categoryAxis.setMaximumCategoryLabelLines(2);
        if (categories.size() > UPRIGHT_CATEGORY_LABELS) {
            categoryAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        CategoryPlot plot = new CategoryPlot(dataset, categoryAxis, new NumberAxis(requireLabel(valueLabel, "value")),
                renderer);
        plot.setRangeGridlinesVisible(true);
        JFreeChart chart = chart(title, plot);
        renderer.setDrawBarOutline(false);
        renderer.setItemMargin(0.05);
        renderer.setErrorIndicatorStroke(new BasicStroke(1.5f));
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, seriesColor(s));
        }
        write(png, chart);
    }

    private static XYPlot xyPlot(PlottableRuns runs, ValueAxis xAxis, String yLabel, XYLineAndShapeRenderer renderer) {
        NumberAxis yAxis = numberAxis(requireLabel(yLabel, "y"));
        XYPlot plot = new XYPlot(runs.dataset(), xAxis, yAxis, renderer);
        plot.setDomainGridlinesVisible(true);
        plot.setRangeGridlinesVisible(true);
        widenIfDegenerate(xAxis, org.jfree.data.general.DatasetUtils.findDomainBounds(runs.dataset(), true));
        widenIfDegenerate(yAxis, org.jfree.data.general.DatasetUtils.findRangeBounds(runs.dataset(), true));
        return plot;
    }

    /**
     * Data on one value (one KS step, a constant curve) would leave the axis a zero-width range with
     * meaningless ticks; centre it in a range half its magnitude (at least 1) wide either side instead.
     */
    static void widenIfDegenerate(ValueAxis axis, org.jfree.data.Range data) {
        if (data != null && data.getLength() == 0 && !(axis instanceof LogarithmicAxis)) {
            double centre = data.getCentralValue();
            double half = Math.max(Math.abs(centre), 1) * 0.5;
            axis.setRange(centre - half, centre + half);
        }
    }

    private static JFreeChart chart(String title, Plot plot) {
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartStyle.apply(chart, plot);
        return chart;
    }

    /** Colours, strokes, markers and legend entries per run: every run of a series looks the same. */
    private static void styleRuns(XYLineAndShapeRenderer renderer, PlottableRuns runs) {
        for (int i = 0; i < runs.runs().size(); i++) {
            PlottableRuns.Run run = runs.runs().get(i);
            Color color = seriesColor(run.series());
            renderer.setSeriesPaint(i, color);
            renderer.setSeriesFillPaint(i, color);
            renderer.setSeriesStroke(i, ChartStyle.LINE);
            renderer.setSeriesShape(i, ChartStyle.shape(run.series()));
            renderer.setSeriesVisibleInLegend(i, run.part() == 0);
        }
    }

    private static NumberAxis numberAxis(String label) {
        NumberAxis axis = new NumberAxis(requireLabel(label, "x"));
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    /** A log axis with ticks at 1..9 times powers of ten, labelled as plain numbers (16, 100, 800). */
    private static LogarithmicAxis logAxis(String label) {
        LogarithmicAxis axis = new LogarithmicAxis(requireLabel(label, "x"));
        axis.setStrictValuesFlag(false);
        return axis;
    }

    private static String requireLabel(String label, String axis) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("the " + axis + " axis needs a label");
        }
        return label;
    }

    private static void write(Path png, JFreeChart chart) throws IOException {
        ReportFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, DEFAULT_WIDTH, DEFAULT_HEIGHT));
    }
}
