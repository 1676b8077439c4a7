package org.epnsj.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    private static final double NAN = Double.NaN;
    private static final double[] XS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    @TempDir
    Path dir;

    private static double[] constant(double value) {
        double[] out = new double[XS.length];
        Arrays.fill(out, value);
        return out;
    }

    private static double[] ramp(double slope) {
        double[] out = new double[XS.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = slope * XS[i];
        }
        return out;
    }

    @Test
    void lineChartHasTheDefaultSizeAndTheSeriesColours() throws IOException {
        Path png = dir.resolve("lines.png");
        Charts.lines(png, "energy", "time [s]", "energy [J]", List.of(Series.of("truth", XS, ramp(1)),
                Series.of("model", XS, ramp(-1))));
        BufferedImage image = Pixels.read(png);
        assertThat(image.getWidth()).isEqualTo(Charts.DEFAULT_WIDTH).isEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(Charts.DEFAULT_HEIGHT).isEqualTo(600);
        assertThat(Pixels.count(image, Charts.seriesColor(0), 8)).isGreaterThan(300);
        assertThat(Pixels.count(image, Charts.seriesColor(1), 8)).isGreaterThan(300);
        assertThat(Pixels.at(image, 2, 2)).isEqualTo(Color.WHITE);
    }

    @Test
    void seriesColoursAreDistinct() {
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < i; j++) {
                assertThat(Charts.seriesColor(i)).as("colour %d vs %d", i, j).isNotEqualTo(Charts.seriesColor(j));
            }
        }
    }

    @Test
    void anIntervalIsDrawnAsATranslucentBandInTheSeriesColour() throws IOException {
        Color band = Pixels.overWhite(Charts.seriesColor(0), ChartStyle.BAND_ALPHA);
        Path withBand = dir.resolve("band.png");
        Charts.lines(withBand, "band", "step", "value", List.of(new Series("model", XS, constant(0), constant(-1),
                constant(1)), Series.of("wide", XS, ramp(0.2))));
        Path without = dir.resolve("plain.png");
        Charts.lines(without, "band", "step", "value", List.of(Series.of("model", XS, constant(0)),
                Series.of("wide", XS, ramp(0.2))));
        assertThat(Pixels.count(Pixels.read(withBand), band, 3)).isGreaterThan(20_000);
        assertThat(Pixels.count(Pixels.read(without), band, 3)).isLessThan(200);
    }

    @Test
    void nonFiniteValuesLeaveGapsInsteadOfFailing() throws IOException {
        double[] y = ramp(1);
        y[3] = NAN;
        y[4] = Double.POSITIVE_INFINITY;
        double[] lower = ramp(0.5);
        lower[7] = Double.NEGATIVE_INFINITY;
        Path png = dir.resolve("gaps.png");
        Charts.lines(png, "gaps", "step", "value", List.of(new Series("model", XS, y, lower, ramp(2))));
        Charts.points(dir.resolve("gaps-points.png"), "gaps", "n", "value", List.of(new Series("model", XS, y, lower,
                ramp(2))), false);
        Charts.bars(dir.resolve("gaps-bars.png"), "gaps", "metric", "value", List.of("a", "b"),
                List.of(new Series("model", new double[2], new double[] {NAN, 1}, new double[] {NAN, 0.5},
                        new double[] {Double.POSITIVE_INFINITY, 1.5})));
        assertThat(Pixels.count(Pixels.read(png), Charts.seriesColor(0), 8)).isGreaterThan(100);
        Pixels.read(dir.resolve("gaps-points.png"));
        Pixels.read(dir.resolve("gaps-bars.png"));
    }

    @Test
    void aChartWithoutDrawableValuesSaysNoData() throws IOException {
        Path png = dir.resolve("empty.png");
        Charts.lines(png, "empty", "step", "fraction stable", List.of(Series.of("model", XS, constant(NAN))));
        Path bars = dir.resolve("empty-bars.png");
        Charts.bars(bars, "empty", "metric", "value", List.of("a"), List.of(Series.of("model", new double[1],
                new double[] {NAN})));
        // The note is dark text in the middle of the plot, where otherwise only white and grid lines are.
        for (Path p : List.of(png, bars)) {
            BufferedImage image = Pixels.read(p);
            assertThat(darkPixels(image, 350, 220, 650, 320)).as(p.toString()).isGreaterThan(50);
        }
    }

    private static int darkPixels(BufferedImage image, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                Color c = Pixels.at(image, x, y);
                if (c.getRed() + c.getGreen() + c.getBlue() < 3 * 128) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void pointsWithErrorBarsOnALogAxisSkipNonPositiveSizes() throws IOException {
        double[] sizes = {0, 16, 80, 400};
        double[] mean = {9, 0.5, 0.3, 0.1};
        Path png = dir.resolve("points.png");
        Charts.points(png, "data efficiency", "training trajectories", "KS statistic",
                List.of(new Series("EPNS", sizes, mean, new double[] {8, 0.4, 0.2, 0.05}, new double[] {10, 0.6, 0.4, 0.15}),
                        Series.of("PNS", sizes, new double[] {1, 0.7, 0.6, 0.4})), true);
        BufferedImage image = Pixels.read(png);
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(Pixels.count(image, Charts.seriesColor(0), 8)).isGreaterThan(100);
        assertThat(Pixels.count(image, Charts.seriesColor(1), 8)).isGreaterThan(100);
    }

    @Test
    void barsUseTheSeriesColoursAndCheckTheCategoryCount() throws IOException {
        Path png = dir.resolve("bars.png");
        List<String> categories = List.of("KS kinetic", "KS total");
        Charts.bars(png, "metrics", "metric", "value", categories, List.of(
                new Series("EPNS", new double[2], new double[] {0.2, 0.1}, new double[] {0.1, 0.05}, new double[] {0.3, 0.15}),
                Series.of("PNS", new double[2], new double[] {0.4, 0.3})));
        BufferedImage image = Pixels.read(png);
        assertThat(Pixels.count(image, Charts.seriesColor(0), 0)).isGreaterThan(2_000);
        assertThat(Pixels.count(image, Charts.seriesColor(1), 0)).isGreaterThan(2_000);
        assertThatThrownBy(() -> Charts.bars(png, "metrics", "metric", "value", categories,
                List.of(Series.of("PNS", new double[3], new double[3])))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'PNS' has 3 values but there are 2 categories");
    }

    @Test
    void writesAtomicallyIntoANewFolderAndReplacesOldFiles() throws IOException {
        Path png = dir.resolve("plots/sub/lines.png");
        Charts.lines(png, "t", "x", "y", List.of(Series.of("a", XS, ramp(1))));
        long first = Files.size(png);
        Charts.lines(png, "a different and longer title", "x", "y", List.of(Series.of("a", XS, ramp(-1))));
        assertThat(Files.size(png)).isNotEqualTo(first);
        assertThat(Pixels.hiddenFiles(png.getParent())).isZero();
        try (var files = Files.list(png.getParent())) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    @Test
    void axisLabelsAreRequired() {
        assertThatThrownBy(() -> Charts.lines(dir.resolve("x.png"), "t", " ", "y", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x axis needs a label");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    @Test
    void loadingTheChartsPutsAwtInHeadlessMode() {
        assertThat(Charts.seriesColor(0)).isNotNull();
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
    }

    @Test
    void aSingleValueGetsAReadableAxisRangeAroundIt() {
        org.jfree.chart.axis.NumberAxis axis = new org.jfree.chart.axis.NumberAxis("KS statistic");
        Charts.widenIfDegenerate(axis, new org.jfree.data.Range(1.0, 1.0));
        assertThat(axis.getLowerBound()).isEqualTo(0.5);
        assertThat(axis.getUpperBound()).isEqualTo(1.5);
        Charts.widenIfDegenerate(axis, new org.jfree.data.Range(-40, -6));
        assertThat(axis.getLowerBound()).as("a real range is left to the axis").isEqualTo(0.5);
    }
}
