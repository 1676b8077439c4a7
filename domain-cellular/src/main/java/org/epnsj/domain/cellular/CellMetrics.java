package org.epnsj.domain.cellular;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jgrapht.alg.util.UnionFind;

/**
 * Per-frame statistics of cell states stored as (L, L, 2) = (cell id, cell type), row-major, on the
 * periodic lattice (spec sections 5.2-5.5).
 */
final class CellMetrics {

    private CellMetrics() {}

    static int side(float[] frame) {
        int side = (int) Math.round(Math.sqrt(frame.length / 2.0));
        if (side * side * 2 != frame.length) {
            throw new IllegalArgumentException("a cell frame holds L x L x 2 values, got " + frame.length);
        }
        return side;
    }

    /**
     * The number of same-type clusters: for each non-medium type, the 4-connected components of its
     * pixels, summed over types. Components wrap around the torus (the reference's
     * {@code ndimage.label} does not, its grids being treated as bounded).
     */
    static int sameTypeClusters(float[] frame) {
        int n = side(frame);
        Set<Integer> typed = new LinkedHashSet<>();
        for (int s = 0; s < n * n; s++) {
            if (frame[2 * s + 1] != 0) {
                typed.add(s);
            }
        }
        if (typed.isEmpty()) {
            // JGraphT's UnionFind asserts at least one set.
            return 0;
        }
        UnionFind<Integer> components = new UnionFind<>(typed);
        for (int s : typed) {
            int r = s / n;
            int c = s % n;
            // Right and down neighbours visit every 4-neighbour pair once.
            for (int o : new int[] {r * n + (c + 1) % n, ((r + 1) % n) * n + c}) {
                if (frame[2 * o + 1] == frame[2 * s + 1]) {
                    components.union(s, o);
                }
            }
        }
        return components.numberOfSets();
    }

    /** Pixels per cell id 1..cells (index 0 unused); ids beyond {@code cells} are an error. */
    static int[] volumes(float[] frame, int cells) {
        int[] v = new int[cells + 1];
        for (int s = 0; s < frame.length / 2; s++) {
            int id = (int) frame[2 * s];
            if (id < 0 || id > cells) {
                throw new IllegalArgumentException("cell id " + id + " outside 0.." + cells);
            }
            v[id]++;
        }
        v[0] = 0;
        return v;
    }

    /** The number of cells 1..cells whose volume is outside [min, max] (absent cells count, at volume 0). */
    static int cellsOutside(float[] frame, int cells, double min, double max) {
        int[] v = volumes(frame, cells);
        int count = 0;
        for (int id = 1; id <= cells; id++) {
            if (v[id] < min || v[id] > max) {
                count++;
            }
        }
        return count;
    }

    /**
     * Centres of mass (row, col) of cells 1..cells on the torus, in [0, L); NaN for an absent cell.
     * Each cell's pixels are unwrapped by minimum image around its circular mean per axis and
     * averaged, which is the exact centre of mass of any cell narrower than half the lattice (the
     * circular mean alone is biased for asymmetric cells).
     */
    static double[][] centres(float[] frame, int cells) {
        int n = side(frame);
        double[][] sums = new double[cells + 1][5];
        for (int s = 0; s < n * n; s++) {
            int id = (int) frame[2 * s];
            if (id < 1 || id > cells) {
                continue;
            }
            double ar = 2 * Math.PI * (s / n) / n;
            double ac = 2 * Math.PI * (s % n) / n;
            sums[id][0] += Math.cos(ar);
            sums[id][1] += Math.sin(ar);
            sums[id][2] += Math.cos(ac);
            sums[id][3] += Math.sin(ac);
            sums[id][4]++;
        }
        double[][] reference = new double[cells + 1][2];
        for (int id = 1; id <= cells; id++) {
            reference[id][0] = angleToSite(Math.atan2(sums[id][1], sums[id][0]), n);
            reference[id][1] = angleToSite(Math.atan2(sums[id][3], sums[id][2]), n);
        }
        double[][] offsets = new double[cells + 1][2];
        for (int s = 0; s < n * n; s++) {
            int id = (int) frame[2 * s];
            if (id < 1 || id > cells) {
                continue;
            }
            offsets[id][0] += minimumImage(s / n - reference[id][0], n);
            offsets[id][1] += minimumImage(s % n - reference[id][1], n);
        }
        double[][] out = new double[cells + 1][2];
        for (int id = 1; id <= cells; id++) {
            if (sums[id][4] == 0) {
                out[id] = new double[] {Double.NaN, Double.NaN};
            } else {
                out[id][0] = wrap(reference[id][0] + offsets[id][0] / sums[id][4], n);
                out[id][1] = wrap(reference[id][1] + offsets[id][1] / sums[id][4], n);
            }
        }
        return out;
    }

    /**
     * The mean cell speed of a trajectory: each cell's centre-of-mass path length (minimum-image steps
     * on the torus) divided by the number of steps, averaged over the cells present throughout. The
     * medium is left out (its centre of mass on a torus means nothing; the reference includes it).
     */
    static double meanSpeed(List<float[]> frames, int cells) {
        if (frames.size() < 2) {
            throw new IllegalArgumentException("a speed needs at least two frames, got " + frames.size());
        }
        int n = side(frames.get(0));
        double[] path = new double[cells + 1];
        boolean[] lost = new boolean[cells + 1];
        double[][] previous = centres(frames.get(0), cells);
        for (int t = 1; t < frames.size(); t++) {
            double[][] current = centres(frames.get(t), cells);
            for (int id = 1; id <= cells; id++) {
                if (Double.isNaN(previous[id][0]) || Double.isNaN(current[id][0])) {
                    lost[id] = true;
                    continue;
                }
                double dr = minimumImage(current[id][0] - previous[id][0], n);
                double dc = minimumImage(current[id][1] - previous[id][1], n);
                path[id] += Math.hypot(dr, dc);
            }
            previous = current;
        }
        double sum = 0;
        int count = 0;
        for (int id = 1; id <= cells; id++) {
            if (!lost[id]) {
                sum += path[id];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count / (frames.size() - 1);
    }

    /**
     * Each cell's displacement (row, col) from frame 0 at every frame, summed from the minimum-image
     * steps of its centre, so that crossing the periodic boundary does not jump; null for a cell
     * absent from any frame (its track is broken) and for index 0.
     */
    static double[][][] displacements(List<float[]> frames, int cells) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("displacements need at least one frame, got none");
        }
        int n = side(frames.get(0));
        double[][][] out = new double[cells + 1][][];
        double[][] previous = centres(frames.get(0), cells);
        for (int id = 1; id <= cells; id++) {
            out[id] = Double.isNaN(previous[id][0]) ? null : new double[frames.size()][2];
        }
        for (int t = 1; t < frames.size(); t++) {
            double[][] current = centres(frames.get(t), cells);
            for (int id = 1; id <= cells; id++) {
                if (out[id] == null) {
                    continue;
                }
                if (Double.isNaN(current[id][0])) {
                    out[id] = null;
                    continue;
                }
                out[id][t][0] = out[id][t - 1][0] + minimumImage(current[id][0] - previous[id][0], n);
                out[id][t][1] = out[id][t - 1][1] + minimumImage(current[id][1] - previous[id][1], n);
            }
            previous = current;
        }
        return out;
    }

    /**
     * Displacement statistics of the cells of an ensemble of trajectories, per frame from the start,
     * pooled over every (trajectory, cell) pair whose cell is present in all frames (each such cell
     * weighs the same). Cells that vanish in any frame are left out and counted; trajectories are cut
     * to the shortest.
     *
     * @param meanNet the mean net displacement |r(t) - r(0)| per frame t, in pixels; NaN if no cell is tracked
     * @param meanSquared the mean squared displacement per frame, in pixels squared; NaN if no cell is tracked
     * @param trackedCells the (trajectory, cell) pairs averaged over
     * @param excludedCells the (trajectory, cell) pairs left out because the cell is absent from some frame
     */
    record Displacement(double[] meanNet, double[] meanSquared, int trackedCells, int excludedCells) {

        static Displacement of(List<List<float[]>> runs, int cells) {
            int length = runs.stream().mapToInt(List::size).min().orElseThrow(
                    () -> new IllegalArgumentException("displacement statistics need at least one trajectory"));
            double[] net = new double[length];
            double[] squared = new double[length];
            int tracked = 0;
            int excluded = 0;
            for (List<float[]> run : runs) {
                double[][][] d = displacements(run.subList(0, length), cells);
                for (int id = 1; id <= cells; id++) {
                    if (d[id] == null) {
                        excluded++;
                        continue;
                    }
                    tracked++;
                    for (int t = 0; t < length; t++) {
                        double r2 = d[id][t][0] * d[id][t][0] + d[id][t][1] * d[id][t][1];
                        net[t] += Math.sqrt(r2);
                        squared[t] += r2;
                    }
                }
            }
            for (int t = 0; t < length; t++) {
                net[t] = tracked == 0 ? Double.NaN : net[t] / tracked;
                squared[t] = tracked == 0 ? Double.NaN : squared[t] / tracked;
            }
            return new Displacement(net, squared, tracked, excluded);
        }
    }

    private static double angleToSite(double angle, int n) {
        double site = angle * n / (2 * Math.PI);
        return site < 0 ? site + n : site;
    }

    static double minimumImage(double d, int n) {
        return d - n * Math.rint(d / n);
    }

    private static double wrap(double site, int n) {
        double w = site - n * Math.floor(site / n);
        return w >= n ? 0 : w;
    }
}
