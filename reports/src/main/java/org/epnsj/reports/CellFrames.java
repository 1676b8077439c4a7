package org.epnsj.reports;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Pictures of Cellular Potts label grids: every site a square in its cell type's colour, with dark
 * lines between sites of different cells. A panel compares sources (rows) over time (columns); a
 * GIF animates one rollout. Files are written atomically and their folder is created when missing.
 */
public final class CellFrames {

    static {
        Headless.ensure();
    }

    /** The largest cell type with a colour of its own. */
    public static final int MAX_TYPE = 8;

    /** Index 0 is the medium; types 1 to 8 follow. */
    private static final Color[] TYPE_COLORS = {
        new Color(0xEBEBEB), // medium: light grey, so that the grid stands out from the white page
        new Color(0xE69F00), // orange
        new Color(0x56B4E9), // sky blue
        new Color(0x009E73), // bluish green
        new Color(0xCC79A7), // reddish purple
        new Color(0xF0E442), // yellow
        new Color(0x0072B2), // blue
        new Color(0xD55E00), // vermillion
        new Color(0x8C8C3C), // olive
    };

    /**
     * One grid: the cell id and the cell type of every site, indexed [row][column]; 0 is the
     * medium in both. The arrays are copied in and out.
     */
    public record Frame(int[][] ids, int[][] types) {

        public Frame {
            if (ids == null || types == null) {
                throw new IllegalArgumentException("frame " + (ids == null ? "ids" : "types") + " are null");
            }
            int height = ids.length;
            if (height == 0 || ids[0] == null || ids[0].length == 0) {
                throw new IllegalArgumentException("frame ids are empty");
            }
            int width = ids[0].length;
            requireShape(ids, "ids", height, width);
            requireShape(types, "types", height, width);
            for (int i = 0; i < height; i++) {
                for (int j = 0; j < width; j++) {
                    if (types[i][j] < 0 || types[i][j] > MAX_TYPE) {
                        throw new IllegalArgumentException("frame type " + types[i][j] + " at (" + i + ", " + j
                                + ") is outside 0.." + MAX_TYPE);
                    }
                }
            }
            ids = copy(ids);
            types = copy(types);
        }

        @Override
        public int[][] ids() {
            return copy(ids);
        }

        @Override
        public int[][] types() {
            return copy(types);
        }

        /** Rows of sites. */
        public int height() {
            return ids.length;
        }

        /** Columns of sites. */
        public int width() {
            return ids[0].length;
        }

        int id(int row, int column) {
            return ids[row][column];
        }

        int type(int row, int column) {
            return types[row][column];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && Arrays.deepEquals(ids, f.ids) && Arrays.deepEquals(types, f.types);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.deepHashCode(ids) + Arrays.deepHashCode(types);
        }

        @Override
        public String toString() {
            return "Frame[" + height() + " x " + width() + "]";
        }

        private static void requireShape(int[][] grid, String name, int height, int width) {
            if (grid.length != height) {
                throw new IllegalArgumentException("frame " + name + " have " + grid.length + " rows, expected " + height);
            }
            for (int i = 0; i < height; i++) {
                if (grid[i] == null || grid[i].length != width) {
                    throw new IllegalArgumentException("frame " + name + " row " + i + " has "
                            + (grid[i] == null ? "no" : grid[i].length) + " columns, expected " + width);
                }
            }
        }

        private static int[][] copy(int[][] grid) {
            int[][] out = new int[grid.length][];
            for (int i = 0; i < grid.length; i++) {
                out[i] = grid[i].clone();
            }
            return out;
        }
    }

    private CellFrames() {}

    /** The colour of a cell type; 0 is the medium. */
    public static Color typeColor(int type) {
        if (type < 0 || type > MAX_TYPE) {
            throw new IllegalArgumentException("cell type " + type + " is outside 0.." + MAX_TYPE);
        }
        return TYPE_COLORS[type];
    }

    /**
     * Image pixels per site for a grid: the image side grows as about 28 sqrt(n) for n sites per
     * side, so a 32 x 32 grid is 160 px, a 100 x 100 grid 300 px, and small grids stay legible.
     */
    public static int scaleFor(int height, int width) {
        int side = Math.max(height, width);
        return Math.max(1, (int) Math.round(28 / Math.sqrt(side)));
    }

    /**
     * Writes a grid of frames as a PNG: one row per source (labelled on the left), one column per
     * time step (labelled on top), all frames of one shape, with a title and a legend of the cell
     * types present.
     */
    public static void panel(Path png, String title, List<String> rowLabels, List<String> columnLabels,
            List<List<Frame>> rows) throws IOException {
        if (rows.isEmpty() || columnLabels.isEmpty()) {
            throw new IllegalArgumentException("a panel needs at least one row and one column");
        }
        if (rowLabels.size() != rows.size()) {
            throw new IllegalArgumentException(rowLabels.size() + " row labels for " + rows.size() + " rows");
        }
        List<Frame> all = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).size() != columnLabels.size()) {
                throw new IllegalArgumentException("row '" + rowLabels.get(r) + "' has " + rows.get(r).size()
                        + " frames for " + columnLabels.size() + " column labels");
            }
            all.addAll(rows.get(r));
        }
        SortedSet<Integer> types = typesOf(all);
        ReportFiles.writePng(png, PanelRenderer.render(title, rowLabels, columnLabels, rows, types));
    }

    /** Writes one rollout as a looping GIF, frame {@code i} labelled "step i". */
    public static void gif(Path gif, String title, List<Frame> frames, int delayMillis) throws IOException {
        List<Integer> steps = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            steps.add(i);
        }
        gif(gif, title, frames, steps, delayMillis);
    }

    /** Writes one rollout as a looping GIF, each frame labelled with its step from {@code steps}. */
    public static void gif(Path gif, String title, List<Frame> frames, List<Integer> steps, int delayMillis)
            throws IOException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a GIF needs at least one frame");
        }
        if (steps.size() != frames.size()) {
            throw new IllegalArgumentException(steps.size() + " step labels for " + frames.size() + " frames");
        }
        if (delayMillis <= 0) {
            throw new IllegalArgumentException("the frame delay must be positive, got " + delayMillis + " ms");
        }
        // One legend for all frames keeps every image the same size.
        SortedSet<Integer> types = typesOf(frames);
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            images.add(PanelRenderer.render(title, List.of(""), List.of("step " + steps.get(i)),
                    List.of(List.of(frames.get(i))), types));
        }
        AnimatedGif.write(gif, images, delayMillis);
    }

    /** The cell types (not the medium) present in {@code frames}, which must all have one shape. */
    private static SortedSet<Integer> typesOf(List<Frame> frames) {
        Frame first = frames.get(0);
        SortedSet<Integer> types = new TreeSet<>();
        for (Frame f : frames) {
            if (f.height() != first.height() || f.width() != first.width()) {
                throw new IllegalArgumentException("frames differ in shape: " + first.height() + " x " + first.width()
                        + " and " + f.height() + " x " + f.width());
            }
            for (int i = 0; i < f.height(); i++) {
                for (int j = 0; j < f.width(); j++) {
                    if (f.type(i, j) != 0) {
                        types.add(f.type(i, j));
                    }
                }
            }
        }
        return types;
    }
}
