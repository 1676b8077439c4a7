package org.epnsj.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pictures of particles in the plane: every particle a dot with its velocity as a line, each frame
 * centred on the swarm's centroid at one scale for the whole picture, so that the shape of the swarm
 * can be compared while it travels. A panel compares sources (rows) over time (columns); a GIF
 * animates one trajectory. Files are written atomically and their folder is created when missing.
 */
public final class SwarmFrames {

    static {
        Headless.ensure();
    }

    /** Image pixels per side of one frame. */
    static final int FRAME_SIDE = 220;
    /** World units of velocity line per unit of speed. */
    static final double VELOCITY_SCALE = 0.4;
    static final Color PARTICLE = new Color(0x0072B2);
    static final Color VELOCITY = new Color(0xD55E00);
    private static final Color FRAME_OUTLINE = new Color(0x9A9A9A);
    private static final Color BACKGROUND = new Color(0xF7F7F7);
    private static final double DOT_RADIUS = 3.0;

    /**
     * One snapshot of N particles: positions and velocities, copied in and out. Non-finite entries (a
     * rollout that blew up) are allowed; such particles are counted on the frame, not drawn.
     */
    public record Frame(double[] x, double[] y, double[] vx, double[] vy) {

        public Frame {
            if (x == null || y == null || vx == null || vy == null) {
                throw new IllegalArgumentException("a swarm frame needs positions and velocities");
            }
            if (x.length == 0 || y.length != x.length || vx.length != x.length || vy.length != x.length) {
                throw new IllegalArgumentException("a swarm frame needs the same number (at least 1) of x, y, vx and vy;"
                        + " got " + x.length + ", " + y.length + ", " + vx.length + ", " + vy.length);
            }
            x = x.clone();
            y = y.clone();
            vx = vx.clone();
            vy = vy.clone();
        }

        /** The particles. */
        public int size() {
            return x.length;
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        @Override
        public double[] vx() {
            return vx.clone();
        }

        @Override
        public double[] vy() {
            return vy.clone();
        }

        boolean finite(int i) {
            return Double.isFinite(x[i]) && Double.isFinite(y[i]) && Double.isFinite(vx[i]) && Double.isFinite(vy[i]);
        }

        /** The mean position of the finite particles, or null when there is none. */
        double[] centroid() {
            double sx = 0;
            double sy = 0;
            int n = 0;
            for (int i = 0; i < x.length; i++) {
                if (finite(i)) {
                    sx += x[i];
                    sy += y[i];
                    n++;
                }
            }
            return n == 0 ? null : new double[] {sx / n, sy / n};
        }

        /** |mean unit velocity| of the finite moving particles (1: all aligned), NaN when there is none. */
        double polarisation() {
            double sx = 0;
            double sy = 0;
            int n = 0;
            for (int i = 0; i < x.length; i++) {
                double speed = Math.hypot(vx[i], vy[i]);
                if (finite(i) && speed > 0) {
                    sx += vx[i] / speed;
                    sy += vy[i] / speed;
                    n++;
                }
            }
            return n == 0 ? Double.NaN : Math.hypot(sx, sy) / n;
        }
    }

    private SwarmFrames() {}

    /**
     * The half-width (world units) of a view that holds every finite particle of {@code frames} around
     * its frame's centroid, with a quarter to spare; at least 1.
     */
    public static double extentOf(List<Frame> frames) {
        double extent = 0;
        for (Frame f : frames) {
            double[] c = f.centroid();
            if (c == null) {
                continue;
            }
            for (int i = 0; i < f.size(); i++) {
                if (f.finite(i)) {
                    extent = Math.max(extent, Math.max(Math.abs(f.x[i] - c[0]), Math.abs(f.y[i] - c[1])));
                }
            }
        }
        return Math.max(1.0, 1.25 * extent);
    }

    /**
     * Writes a grid of frames as a PNG: one row per source (labelled on the left), one column per time
     * step (labelled on top), every frame a view of half-width {@code extent} world units around its
     * centroid.
     */
    public static void panel(Path png, String title, List<String> rowLabels, List<String> columnLabels,
            List<List<Frame>> rows, double extent) throws IOException {
        if (rows.isEmpty() || columnLabels.isEmpty()) {
            throw new IllegalArgumentException("a panel needs at least one row and one column");
        }
        if (rowLabels.size() != rows.size()) {
            throw new IllegalArgumentException(rowLabels.size() + " row labels for " + rows.size() + " rows");
        }
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).size() != columnLabels.size()) {
                throw new IllegalArgumentException("row '" + rowLabels.get(r) + "' has " + rows.get(r).size()
                        + " frames for " + columnLabels.size() + " column labels");
            }
        }
        requireExtent(extent);
        ReportFiles.writePng(png, render(title, rowLabels, columnLabels, rows, extent));
    }

    /** Writes one trajectory as a looping GIF, frame {@code i} labelled "step i", at one view half-width. */
    public static void gif(Path gif, String title, List<Frame> frames, double extent, int delayMillis)
            throws IOException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a GIF needs at least one frame");
        }
        if (delayMillis <= 0) {
            throw new IllegalArgumentException("the frame delay must be positive, got " + delayMillis + " ms");
        }
        requireExtent(extent);
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            images.add(render(title, List.of(""), List.of("step " + i), List.of(List.of(frames.get(i))), extent));
        }
        AnimatedGif.write(gif, images, delayMillis);
    }

    private static void requireExtent(double extent) {
        if (!(extent > 0) || Double.isInfinite(extent)) {
            throw new IllegalArgumentException("the view's half-width must be positive and finite, got " + extent);
        }
    }

    static BufferedImage render(String title, List<String> rowLabels, List<String> columnLabels,
            List<List<Frame>> rows, double extent) {
        PanelLayout layout = PanelLayout.ofFrames(title, rowLabels, columnLabels.size(), FRAME_SIDE, FRAME_SIDE, 3);
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            layout.paintText(g, title, rowLabels, columnLabels);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < columnLabels.size(); c++) {
                    paintFrame(g, rows.get(r).get(c), layout.frameX(c), layout.frameY(r), extent);
                }
            }
            paintLegend(g, layout, extent);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Image pixels per world unit in a frame of half-width {@code extent}. */
    static double pixelsPerUnit(double extent) {
        return FRAME_SIDE / (2 * extent);
    }

    /** A power of two in world units whose scale bar is 20 to 80 image pixels long. */
    static double scaleBarUnits(double extent) {
        double units = 1;
        double s = pixelsPerUnit(extent);
        while (units * s > 80) {
            units /= 2;
        }
        while (units * s < 20) {
            units *= 2;
        }
        return units;
    }

    private static void paintFrame(Graphics2D g, Frame frame, int x0, int y0, double extent) {
        g.setColor(BACKGROUND);
        g.fillRect(x0, y0, FRAME_SIDE, FRAME_SIDE);
        g.setColor(FRAME_OUTLINE);
        g.drawRect(x0 - 1, y0 - 1, FRAME_SIDE + 1, FRAME_SIDE + 1);
        double[] c = frame.centroid();
        int outside = 0;
        int notFinite = 0;
        if (c != null) {
            double s = pixelsPerUnit(extent);
            Shape clip = g.getClip();
            g.clipRect(x0, y0, FRAME_SIDE, FRAME_SIDE);
            g.setStroke(new BasicStroke(1.5f));
            for (int i = 0; i < frame.size(); i++) {
                if (!frame.finite(i)) {
                    notFinite++;
                    continue;
                }
                // y up, as in a plot.
                double px = x0 + FRAME_SIDE / 2.0 + (frame.x[i] - c[0]) * s;
                double py = y0 + FRAME_SIDE / 2.0 - (frame.y[i] - c[1]) * s;
                if (px < x0 || px > x0 + FRAME_SIDE || py < y0 || py > y0 + FRAME_SIDE) {
                    outside++;
                    continue;
                }
                g.setColor(VELOCITY);
                g.draw(new Line2D.Double(px, py, px + frame.vx[i] * VELOCITY_SCALE * s,
                        py - frame.vy[i] * VELOCITY_SCALE * s));
                g.setColor(PARTICLE);
                g.fill(new Ellipse2D.Double(px - DOT_RADIUS, py - DOT_RADIUS, 2 * DOT_RADIUS, 2 * DOT_RADIUS));
            }
            g.setClip(clip);
        } else {
            notFinite = frame.size();
        }
        g.setColor(Color.DARK_GRAY);
        FontMetrics metrics = g.getFontMetrics();
        double p = frame.polarisation();
        String note = Double.isNaN(p) ? "" : String.format(Locale.ROOT, "polarisation %.2f", p);
        if (outside > 0) {
            note += (note.isEmpty() ? "" : ", ") + outside + " outside";
        }
        if (notFinite > 0) {
            note += (note.isEmpty() ? "" : ", ") + notFinite + " not finite";
        }
        g.drawString(note, x0 + 4, y0 + FRAME_SIDE - 4 - metrics.getDescent());
    }

    private static void paintLegend(Graphics2D g, PanelLayout layout, double extent) {
        int x = layout.legendX();
        int y = layout.frameY(0);
        FontMetrics metrics = g.getFontMetrics();
        int text = x + 22;
        int middle = (metrics.getAscent() - metrics.getDescent()) / 2;
        g.setColor(PARTICLE);
        g.fill(new Ellipse2D.Double(x + 7 - DOT_RADIUS, y + 7 - DOT_RADIUS, 2 * DOT_RADIUS, 2 * DOT_RADIUS));
        g.setColor(Color.BLACK);
        g.drawString("particle", text, y + 7 + middle);
        y += PanelLayout.LEGEND_ROW_HEIGHT;
        g.setColor(VELOCITY);
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(x, y + 7, x + 16, y + 7);
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "velocity x %.1f", VELOCITY_SCALE), text, y + 7 + middle);
        y += PanelLayout.LEGEND_ROW_HEIGHT;
        double units = scaleBarUnits(extent);
        g.setStroke(new BasicStroke(2f));
        g.drawLine(x, y + 7, x + (int) Math.round(units * pixelsPerUnit(extent)), y + 7);
        g.drawString(String.format(Locale.ROOT, "%s unit%s", new BigDecimal(units).stripTrailingZeros()
                .toPlainString(), units == 1 ? "" : "s"), x, y + 7 + 4 + metrics.getAscent());
    }
}
