package org.epnsj.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.util.List;

/**
 * Where everything goes in a panel of frames (cell grids or particle snapshots): a title on top,
 * column labels above the frames, row labels to their left and the legend to their right. Every size
 * is in image pixels.
 *
 * @param rows rows of frames
 * @param columns columns of frames
 * @param frameWidth width of one frame
 * @param frameHeight height of one frame
 * @param rowLabelWidth width of the row-label band (0 when there are no row labels)
 * @param titleWidth width of the title text
 * @param legendEntries entries in the legend
 */
record PanelLayout(int rows, int columns, int frameWidth, int frameHeight, int rowLabelWidth, int titleWidth,
        int legendEntries) {

    static {
        Headless.ensure();
    }

    static final int MARGIN = 16;
    static final int TITLE_HEIGHT = 32;
    static final int COLUMN_LABEL_HEIGHT = 24;
    static final int GAP = 8;
    static final int MIN_ROW_LABEL_WIDTH = 120;
    static final int ROW_LABEL_PADDING = 12;
    static final int LEGEND_GAP = 16;
    static final int LEGEND_WIDTH = 110;
    static final int LEGEND_ROW_HEIGHT = 22;

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

    private static final FontRenderContext TEXT = new FontRenderContext(null, true, true);

    /** The layout of {@code rows x columns} frames of {@code gridHeight x gridWidth} sites each. */
    static PanelLayout of(String title, List<String> rowLabels, int columns, int gridHeight, int gridWidth,
            int legendEntries) {
        int scale = CellFrames.scaleFor(gridHeight, gridWidth);
        return ofFrames(title, rowLabels, columns, gridWidth * scale, gridHeight * scale, legendEntries);
    }

    /** The layout of {@code rows x columns} frames of {@code frameWidth x frameHeight} image pixels each. */
    static PanelLayout ofFrames(String title, List<String> rowLabels, int columns, int frameWidth, int frameHeight,
            int legendEntries) {
        int widestLabel = -1;
        for (String label : rowLabels) {
            if (!label.isBlank()) {
                widestLabel = Math.max(widestLabel, textWidth(label, LABEL_FONT));
            }
        }
        int rowLabelWidth = widestLabel < 0 ? 0 : Math.max(MIN_ROW_LABEL_WIDTH, widestLabel + ROW_LABEL_PADDING);
        return new PanelLayout(rowLabels.size(), columns, frameWidth, frameHeight, rowLabelWidth,
                textWidth(title, TITLE_FONT), legendEntries);
    }

    static int textWidth(String text, Font font) {
        return (int) Math.ceil(font.getStringBounds(text, TEXT).getWidth());
    }

    int frameX(int column) {
        return MARGIN + rowLabelWidth + column * (frameWidth + GAP);
    }

    int frameY(int row) {
        return MARGIN + TITLE_HEIGHT + COLUMN_LABEL_HEIGHT + row * (frameHeight + GAP);
    }

    int legendX() {
        return frameX(columns) - GAP + LEGEND_GAP;
    }

    int width() {
        return Math.max(legendX() + LEGEND_WIDTH + MARGIN, titleWidth + 2 * MARGIN);
    }

    int height() {
        int frames = rows * frameHeight + (rows - 1) * GAP;
        return frameY(0) + Math.max(frames, legendEntries * LEGEND_ROW_HEIGHT) + MARGIN;
    }

    /**
     * Paints what every panel shares onto {@code image} (of this layout's size): a white page, the
     * title, the column labels above the frames and the row labels left of them. Leaves the label font set.
     */
    void paintText(Graphics2D g, String title, List<String> rowLabels, List<String> columnLabels) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width(), height());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(TITLE_FONT);
        g.drawString(title, MARGIN, MARGIN + g.getFontMetrics().getAscent());
        g.setFont(LABEL_FONT);
        FontMetrics metrics = g.getFontMetrics();
        int columnLabelBaseline = frameY(0) - GAP;
        for (int c = 0; c < columnLabels.size(); c++) {
            String label = columnLabels.get(c);
            g.drawString(label, frameX(c) + (frameWidth - metrics.stringWidth(label)) / 2, columnLabelBaseline);
        }
        for (int r = 0; r < rowLabels.size(); r++) {
            String label = rowLabels.get(r);
            int x = frameX(0) - ROW_LABEL_PADDING - metrics.stringWidth(label);
            int y = frameY(r) + (frameHeight + metrics.getAscent() - metrics.getDescent()) / 2;
            g.drawString(label, Math.max(MARGIN, x), y);
        }
    }
}
