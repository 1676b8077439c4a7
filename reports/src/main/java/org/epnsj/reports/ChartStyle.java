package org.epnsj.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/** The look shared by all charts: white background, large fonts, a fixed colour per series index. */
final class ChartStyle {

    static {
        Headless.ensure();
    }

    /**
     * Okabe-Ito colours (distinguishable with the common colour-vision deficiencies), without its
     * yellow, which is too faint on white.
     */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), // blue
        new Color(0xD55E00), // vermillion
        new Color(0x009E73), // bluish green
        new Color(0xCC79A7), // reddish purple
        new Color(0xE69F00), // orange
        new Color(0x56B4E9), // sky blue
        new Color(0x000000), // black
        new Color(0x8C564B), // brown
    };

    /** Transparency of interval bands: overlapping bands stay readable. */
    static final float BAND_ALPHA = 0.25f;

    static final BasicStroke LINE = new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    private static final Shape[] SHAPES = DefaultDrawingSupplier.createStandardSeriesShapes();

    private static final StandardChartTheme THEME = createTheme();

    private ChartStyle() {}

    /** The colour of the series at {@code index}; beyond the palette, hues spaced by the golden angle. */
    static Color color(int index) {
        if (index < PALETTE.length) {
            return PALETTE[index];
        }
        float hue = (float) ((index - PALETTE.length) * 0.381966 % 1.0);
        return Color.getHSBColor(hue, 0.75f, 0.75f);
    }

    /** The marker shape of the series at {@code index}. */
    static Shape shape(int index) {
        return SHAPES[index % SHAPES.length];
    }

    /** Applies the theme; renderer colours must be set afterwards, since the theme resets them. */
    static void apply(JFreeChart chart, Plot plot) {
        THEME.apply(chart);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.GRAY);
        plot.setNoDataMessage("no data");
        plot.setNoDataMessageFont(new Font(Font.SANS_SERIF, Font.ITALIC, 20));
        plot.setNoDataMessagePaint(Color.DARK_GRAY);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(new BlockBorder(Color.LIGHT_GRAY));
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
    }

    private static StandardChartTheme createTheme() {
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        theme.setLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        theme.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        theme.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(new Color(0xDDDDDD));
        theme.setRangeGridlinePaint(new Color(0xDDDDDD));
        theme.setAxisLabelPaint(Color.BLACK);
        theme.setTickLabelPaint(Color.BLACK);
        theme.setErrorIndicatorPaint(Color.BLACK);
        theme.setBarPainter(new StandardBarPainter());
        theme.setXYBarPainter(new StandardXYBarPainter());
        theme.setShadowVisible(false);
        return theme;
    }
}
