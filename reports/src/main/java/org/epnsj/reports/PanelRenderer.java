package org.epnsj.reports;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SortedSet;

/** Draws a grid of cell frames with its title, labels and type legend into an image. */
final class PanelRenderer {

    static {
        Headless.ensure();
    }

    private static final Color BOUNDARY = new Color(0x202020);
    private static final Color FRAME_OUTLINE = new Color(0x9A9A9A);
    private static final Color SWATCH_OUTLINE = new Color(0x606060);
    private static final int SWATCH = 14;

    private PanelRenderer() {}

    /**
     * Renders {@code rows} (all frames of one shape) with the given labels; the legend lists
     * {@code legendTypes} and the medium.
     */
    static BufferedImage render(String title, List<String> rowLabels, List<String> columnLabels,
            List<List<CellFrames.Frame>> rows, SortedSet<Integer> legendTypes) {
        CellFrames.Frame first = rows.get(0).get(0);
        PanelLayout layout = PanelLayout.of(title, rowLabels, columnLabels.size(), first.height(), first.width(),
                legendTypes.size() + 1);
        int scale = CellFrames.scaleFor(first.height(), first.width());
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            layout.paintText(g, title, rowLabels, columnLabels);
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < columnLabels.size(); c++) {
                    paintFrame(g, rows.get(r).get(c), layout.frameX(c), layout.frameY(r), scale);
                }
            }
            paintLegend(g, layout, legendTypes);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Pixels as squares of their type's colour, with a dark line inside a square wherever the id changes. */
    private static void paintFrame(Graphics2D g, CellFrames.Frame frame, int x0, int y0, int scale) {
        int h = frame.height();
        int w = frame.width();
        g.setColor(FRAME_OUTLINE);
        g.drawRect(x0 - 1, y0 - 1, w * scale + 1, h * scale + 1);
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                g.setColor(CellFrames.typeColor(frame.type(i, j)));
                g.fillRect(x0 + j * scale, y0 + i * scale, scale, scale);
            }
        }
        g.setColor(BOUNDARY);
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                if (j + 1 < w && frame.id(i, j) != frame.id(i, j + 1)) {
                    g.fillRect(x0 + (j + 1) * scale - 1, y0 + i * scale, 1, scale);
                }
                if (i + 1 < h && frame.id(i, j) != frame.id(i + 1, j)) {
                    g.fillRect(x0 + j * scale, y0 + (i + 1) * scale - 1, scale, 1);
                }
            }
        }
    }

    private static void paintLegend(Graphics2D g, PanelLayout layout, SortedSet<Integer> types) {
        int x = layout.legendX();
        int y = layout.frameY(0);
        for (int type : types) {
            paintLegendEntry(g, x, y, CellFrames.typeColor(type), "type " + type);
            y += PanelLayout.LEGEND_ROW_HEIGHT;
        }
        paintLegendEntry(g, x, y, CellFrames.typeColor(0), "medium");
    }

    private static void paintLegendEntry(Graphics2D g, int x, int y, Color color, String label) {
        g.setColor(color);
        g.fillRect(x, y, SWATCH, SWATCH);
        g.setColor(SWATCH_OUTLINE);
        g.drawRect(x, y, SWATCH, SWATCH);
        g.setColor(Color.BLACK);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(label, x + SWATCH + 8, y + (SWATCH + metrics.getAscent() - metrics.getDescent()) / 2);
    }
}
