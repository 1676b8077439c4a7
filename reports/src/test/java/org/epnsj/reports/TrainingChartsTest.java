package org.epnsj.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.epnsj.runtime.training.EpochDiagnostics;
import org.epnsj.runtime.training.EpochSummary;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingChartsTest {

    @TempDir
    Path dir;

    /** Epochs 0..n-1 whose 4 latent dimensions (5 nodes) carry the given KL per node, or no diagnostics (null). */
    private static List<EpochSummary> epochs(int n, double[] klPerNode, boolean gaussian) {
        List<EpochSummary> out = new ArrayList<>();
        for (int e = 0; e < n; e++) {
            EpochDiagnostics d = null;
            if (klPerNode != null) {
                List<Double> kl = new ArrayList<>();
                int active = 0;
                for (double v : klPerNode) {
                    kl.add(5 * v);
                    active += v > EpochDiagnostics.ACTIVE_UNIT_THRESHOLD ? 1 : 0;
                }
                List<Double> sigma = gaussian ? Collections.nCopies(4, 1.0) : null;
                d = new EpochDiagnostics(5, EpochDiagnostics.ACTIVE_UNIT_THRESHOLD, active, kl, sigma, sigma,
                        gaussian ? Collections.nCopies(4, 0.0) : null, 8, Map.of("siteAccuracy", 0.9 + 0.01 * e));
            }
            out.add(new EpochSummary(e, 1, 1, 10 - e, 9 - e, 1, 11 - e, 1, e == n - 1, d));
        }
        return out;
    }

    private static int panels(List<EpochSummary> epochs) {
        return ((CombinedDomainXYPlot) TrainingCharts.chart("t", epochs).getPlot()).getSubplots().size();
    }

    @Test
    void diagnosticsAddPanelsToTheLossPanelOnlyWhenRecorded() {
        // Losses, KL heat map, active units, scales, accuracy.
        assertThat(panels(epochs(4, new double[] {1, 0.1, 0.001, 0}, true))).isEqualTo(5);
        // A non-Gaussian latent has no scales.
        assertThat(panels(epochs(4, new double[] {1, 0.1, 0.001, 0}, false))).isEqualTo(4);
        // A metrics.jsonl written before the diagnostics existed: the losses only.
        assertThat(panels(epochs(4, null, true))).isEqualTo(1);
        // Gradient norms recorded: their panel after the losses, on a log axis.
        List<EpochSummary> measured = epochs(4, null, true).stream().map(e -> new EpochSummary(e.epoch(), e.beta(),
                e.rolloutLength(), e.trainLoss(), e.trainNll(), e.trainKl(), e.validationNegativeElbo(), e.seconds(),
                e.best(), e.diagnostics(), new org.epnsj.runtime.training.TrainingHealth(2 + e.epoch(), 40, 0, 3))).toList();
        var plots = ((CombinedDomainXYPlot) TrainingCharts.chart("t", measured).getPlot()).getSubplots();
        assertThat(plots).hasSize(2);
        assertThat(((org.jfree.chart.plot.XYPlot) plots.get(1)).getRangeAxis())
                .isInstanceOf(org.jfree.chart.axis.LogAxis.class);
        // The legend counts the clipped steps of all epochs.
        assertThat(((org.jfree.chart.plot.XYPlot) plots.get(1)).getDataset().getSeriesKey(1).toString())
                .contains("12 batches clipped");
    }

    @Test
    void aCollapsedLatentIsAnAllGreyHeatMapAndAUsedOneIsColoured() throws IOException {
        Path collapsed = dir.resolve("collapsed.png");
        TrainingCharts.write(collapsed, "collapsed", epochs(6, new double[] {0, 0, 0, 0}, true));
        Path used = dir.resolve("used.png");
        TrainingCharts.write(used, "used", epochs(6, new double[] {2, 2, 0.5, 0}, true));
        BufferedImage collapsedImage = Pixels.read(collapsed);
        assertThat(collapsedImage.getWidth()).isEqualTo(TrainingCharts.WIDTH);
        assertThat(collapsedImage.getHeight()).isEqualTo(150 + 5 * 250);
        // The colour of 2 nats per node, the map's upper end (log10 2 rounds up to 1).
        TrainingCharts.KlScale scale = new TrainingCharts.KlScale(-2, 1);
        Color dark = (Color) scale.getPaint(Math.log10(2));
        Color grey = (Color) scale.getPaint(-4);
        BufferedImage usedImage = Pixels.read(used);
        // Two of four dimensions over six epochs fill thousands of pixels; the legend strip holds only a few.
        int strip = Pixels.count(collapsedImage, dark, 6);
        assertThat(Pixels.count(usedImage, dark, 6)).isGreaterThan(strip + 5_000);
        assertThat(Pixels.count(collapsedImage, grey, 2)).isGreaterThan(Pixels.count(usedImage, grey, 2) + 5_000);
    }

    @Test
    void theKlScaleIsGreyUpToTheThresholdAndColouredAbove() {
        TrainingCharts.KlScale scale = new TrainingCharts.KlScale(-2, 1);
        Color below = (Color) scale.getPaint(-2.5);
        Color above = (Color) scale.getPaint(-1.5);
        assertThat(below.getRed()).isEqualTo(below.getGreen()).isEqualTo(below.getBlue());
        assertThat(above.getRed() == above.getGreen() && above.getGreen() == above.getBlue()).isFalse();
        assertThat(scale.getLowerBound()).isEqualTo(-4);
        assertThat(scale.getUpperBound()).isEqualTo(1);
    }
}
