package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.ops.Ops;
import org.epnsj.runtime.engine.HostArrays;

/**
 * Where the windowed cell EPNS computes each node of a batch of cell states (docs/architecture.md,
 * "The cell models", local windows).
 *
 * <p>Every node's field is the field of an empty id (the <em>background</em>: one full L x L grid
 * per sample, a function of the type map alone) plus a difference that is zero farther than a known
 * number of sites, its <em>radius</em>, from the node's sites. A node is computed either as that
 * difference on a square window around its sites (zero padding), or, when no window is cheaper,
 * directly on the full periodic grid (circular padding) together with the backgrounds: the
 * <em>group</em>, whose first B rows are the samples' backgrounds and the next F rows the full
 * nodes. An id absent from the input has neither, its field is the background. Each convolution of
 * a window adds the background's pre-activation, cropped periodically at the window's offset, to the
 * convolution of the difference. Where the difference stays inside its window, the result equals
 * the full-grid computation whatever the window's offset: the windows do not need to move with the
 * symmetry, the values they hold do not depend on where they sit.
 *
 * <p>The window at radius r is the smallest periodic square box holding the node's sites (the
 * longer side of its row and column arcs, {@code core}, the same for all windowed nodes of a batch)
 * grown by r on every side; the plan is made for a largest radius, its {@code margin}, and a window
 * array at radius r has side {@code core + 2 r}, which a convolution of radius k grows to {@code
 * core + 2 (r + k)}. Which nodes get windows is chosen by the number of pixels computed at the
 * margin, from the multiset of the nodes' needs alone.
 *
 * <p>Per-pixel arrays are addressed as rows of channels-last stacks (the group's pixels (G L², C),
 * the windows' (W s², C), a zero row), per-node vectors as rows of (G, C), (W, C) and a zero row.
 */
final class CellWindows {

    /** The node's field is the background: its id has no site. */
    private static final int ABSENT = -1;

    /**
     * Plans with more pixels than this (windows at the margin and group rows) are large: their training
     * steps trade time for memory. On PyTorch each step of a layer frees, in training too, every array
     * it made besides its results ({@link #freesTransients}), and a window's ReLU of a crop is cropped
     * from the background's ReLU output, one more gather whose backward pass keeps indices where a ReLU
     * keeps its window-sized output. The {@code cpu} preset's plans (about 25,000 pixels) are small,
     * the {@code paper} preset's (about 375,000 per sample) large. Not final so that the tests can take
     * either path at a small size.
     */
    static long largePixels = 1L << 17;

    /** Above this many gathered values the scatter-sum gathers one coverage layer at a time. */
    private static final long GATHER_CHUNK = 1L << 24;

    private final int batch;
    private final int nodes;
    private final int side;
    private final int core;
    private final int margin;
    private final int[] ids;
    private final int[] windowSample;
    private final int[] windowNode;
    private final int[] windowTop;
    private final int[] windowLeft;
    private final int[] fullSample;
    private final int[] fullNode;
    private final int[] itemOf;
    private final NDManager manager;
    private final DataType dataType;
    private final NDArray windowBase;
    private final NDArray windowRows;
    private final NDArray windowCols;
    private final NDArray groupSamples;
    private final NDArray groupSums;
    private final NDArray nodeGroupRows;
    private final NDArray nodeWindows;
    private final Map<Integer, NDArray> scatterRows = new HashMap<>();
    private final Map<Integer, NDArray> nodeRows = new HashMap<>();

    private CellWindows(int batch, int nodes, int side, int core, int margin, int[] ids, List<int[]> windows,
            List<int[]> full, NDManager manager, DataType dataType, Set<Integer> scatterRadii,
            Set<Integer> nodeRadii) {
        this.batch = batch;
        this.nodes = nodes;
        this.side = side;
        this.core = windows.isEmpty() ? 0 : core;
        this.margin = margin;
        this.ids = ids;
        this.windowSample = column(windows, 0);
        this.windowNode = column(windows, 1);
        this.windowTop = column(windows, 2);
        this.windowLeft = column(windows, 3);
        this.fullSample = column(full, 0);
        this.fullNode = column(full, 1);
        this.manager = manager;
        this.dataType = dataType;
        this.itemOf = new int[batch * nodes];
        Arrays.fill(itemOf, ABSENT);
        int count = windowSample.length;
        for (int i = 0; i < count; i++) {
            itemOf[windowSample[i] * nodes + windowNode[i]] = i;
        }
        for (int f = 0; f < fullSample.length; f++) {
            itemOf[fullSample[f] * nodes + fullNode[f]] = count + f;
        }
        int w = window(margin);
        if (count > 0) {
            long[] base = new long[count];
            long[] rows = new long[count * w];
            long[] cols = new long[count * w];
            for (int i = 0; i < count; i++) {
                base[i] = (long) windowSample[i] * side * side;
                for (int u = 0; u < w; u++) {
                    rows[i * w + u] = (long) ((windowTop[i] + u) % side) * side;
                    cols[i * w + u] = (windowLeft[i] + u) % side;
                }
            }
            windowBase = HostArrays.of(manager, base, new Shape(count, 1, 1));
            windowRows = HostArrays.of(manager, rows, new Shape(count, w));
            windowCols = HostArrays.of(manager, cols, new Shape(count, w));
        } else {
            windowBase = null;
            windowRows = null;
            windowCols = null;
        }
        int groupRows = batch + fullSample.length;
        long[] samples = new long[groupRows];
        double[] sums = new double[batch * groupRows];
        int[] fullPerSample = new int[batch];
        for (int f = 0; f < fullSample.length; f++) {
            fullPerSample[fullSample[f]]++;
        }
        for (int b = 0; b < batch; b++) {
            samples[b] = b;
            sums[b * groupRows + b] = (double) (nodes - fullPerSample[b]) / nodes;
        }
        for (int f = 0; f < fullSample.length; f++) {
            samples[batch + f] = fullSample[f];
            sums[fullSample[f] * groupRows + batch + f] = 1.0 / nodes;
        }
        groupSamples = HostArrays.of(manager, samples);
        groupSums = HostArrays.of(manager, sums, new Shape(batch, groupRows)).toType(dataType, false);
        long[] sourceRows = new long[batch * nodes];
        long[] windowRowOf = new long[batch * nodes];
        for (int k = 0; k < sourceRows.length; k++) {
            int item = itemOf[k];
            sourceRows[k] = item >= count ? batch + item - count : k / nodes;
            windowRowOf[k] = item >= 0 && item < count ? item : count;
        }
        nodeGroupRows = HostArrays.of(manager, sourceRows);
        nodeWindows = HostArrays.of(manager, windowRowOf);
        for (int r : scatterRadii) {
            scatterRows.put(r, scatterRowIndex(r));
        }
        for (int r : nodeRadii) {
            nodeRows.put(r, nodeRowIndex(r));
        }
    }

    /**
     * Plans a batch of states (B, L, L, 2).
     *
     * @param state the states; their ids are read to the host
     * @param nodes ids 0..nodes-1; a larger id fails with one line
     * @param margin the largest radius of a difference (the model's receptive reach)
     * @param windows whether windows may be used; without them every present id is a full item
     * @param scatterRadii the radii at which {@link #scatterSum} will be asked for
     * @param nodeRadii the radii at which {@link #perNode} will be asked for
     */
    static CellWindows plan(NDArray state, int nodes, int margin, boolean windows, Set<Integer> scatterRadii,
            Set<Integer> nodeRadii) {
        int side = CellStates.side(state);
        int batch = (int) state.getShape().get(0);
        int[] ids = hostIds(state, nodes);
        int sites = side * side;
        // Rows and columns each node occupies, then their periodic arcs.
        boolean[] rows = new boolean[batch * nodes * side];
        boolean[] cols = new boolean[batch * nodes * side];
        boolean[] present = new boolean[batch * nodes];
        for (int b = 0; b < batch; b++) {
            for (int p = 0; p < sites; p++) {
                int k = b * nodes + ids[b * sites + p];
                present[k] = true;
                rows[k * side + p / side] = true;
                cols[k * side + p % side] = true;
            }
        }
        int[][] rowArc = new int[batch * nodes][];
        int[][] colArc = new int[batch * nodes][];
        int[] need = new int[batch * nodes];
        for (int k = 0; k < need.length; k++) {
            if (present[k]) {
                rowArc[k] = arc(rows, k * side, side);
                colArc[k] = arc(cols, k * side, side);
                need[k] = Math.max(rowArc[k][1], colArc[k][1]) + 2 * margin;
            }
        }
        int window = windows ? cheapestWindow(need, present, side) : 0;
        List<int[]> win = new ArrayList<>();
        List<int[]> full = new ArrayList<>();
        for (int k = 0; k < need.length; k++) {
            if (!present[k]) {
                continue;
            }
            if (window > 0 && need[k] <= window) {
                int top = offset(rowArc[k][0], rowArc[k][1], margin, window, side);
                int left = offset(colArc[k][0], colArc[k][1], margin, window, side);
                win.add(new int[] {k / nodes, k % nodes, top, left});
            } else {
                full.add(new int[] {k / nodes, k % nodes});
            }
        }
        return new CellWindows(batch, nodes, side, window - 2 * margin, margin, ids, win, full, state.getManager(),
                state.getDataType(), scatterRadii, nodeRadii);
    }

    /**
     * The plan for a net that reads [the input's field, the target's masks]: the smallest radius in
     * [{@code minRadius}, {@code maxRadius}] whose windows hold every windowed node's sites in {@code
     * target} (B, L, L, 2); the nodes whose target sites lie outside even {@code maxRadius}, and the
     * ids absent from the input but present in the target, computed on the full grid instead; and the
     * target's masks on that plan at that radius.
     */
    Targets targets(NDArray target, int minRadius, int maxRadius) {
        int[] targetIds = hostIds(target, nodes);
        int sites = side * side;
        boolean[] promote = new boolean[batch * nodes];
        boolean any = false;
        int radius = minRadius;
        for (int b = 0; b < batch; b++) {
            for (int p = 0; p < sites; p++) {
                int k = b * nodes + targetIds[b * sites + p];
                int item = itemOf[k];
                if (item >= windowSample.length) {
                    continue;
                }
                int needed = item == ABSENT ? Integer.MAX_VALUE
                        : Math.max(outside(local(p / side, windowTop[item])), outside(local(p % side, windowLeft[item])));
                if (needed > maxRadius) {
                    any |= !promote[k];
                    promote[k] = true;
                } else {
                    radius = Math.max(radius, needed);
                }
            }
        }
        CellWindows plan = this;
        if (any) {
            List<int[]> win = new ArrayList<>();
            for (int i = 0; i < windowSample.length; i++) {
                if (!promote[windowSample[i] * nodes + windowNode[i]]) {
                    win.add(new int[] {windowSample[i], windowNode[i], windowTop[i], windowLeft[i]});
                }
            }
            List<int[]> full = new ArrayList<>();
            for (int f = 0; f < fullSample.length; f++) {
                full.add(new int[] {fullSample[f], fullNode[f]});
            }
            for (int k = 0; k < promote.length; k++) {
                if (promote[k]) {
                    full.add(new int[] {k / nodes, k % nodes});
                }
            }
            plan = new CellWindows(batch, nodes, side, core, margin, ids, win, full, manager, dataType, Set.of(),
                    Set.of());
        }
        return new Targets(plan, radius, plan.masks(targetIds, 0, radius));
    }

    /**
     * The radius a window needs to hold a site at local coordinate {@code u} of its window at the
     * margin: 0 inside the core, else the distance from the core.
     */
    private int outside(int u) {
        int w = window(margin);
        if (u >= w) {
            return Integer.MAX_VALUE;
        }
        return Math.max(Math.max(margin - u, u - (margin + core - 1)), 0);
    }

    /**
     * A plan for reading a target, from {@link #targets}.
     *
     * @param plan the plan, with the nodes whose targets leave their windows on the full grid
     * @param radius the radius whose windows hold the targets
     * @param masks the target's masks on that plan, windows at that radius
     */
    record Targets(CellWindows plan, int radius, Field masks) {}

    /**
     * Moves a field at radius r from this plan to {@code other}, made from this one by {@link
     * #targets}: kept windows stay, the group keeps its rows and gains the promoted nodes' values
     * on the full grid (their background plus their window placed on the grid; the background alone
     * for ids absent from the input).
     */
    Field moveTo(CellWindows other, Field field, int r) {
        if (other == this) {
            return field;
        }
        long[] kept = new long[other.windowSample.length];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = itemOf[other.windowSample[i] * nodes + other.windowNode[i]];
        }
        // Index arrays stay open: the gathers' backward passes read them.
        NDArray windows = kept.length == 0 ? null : Ops.gatherRows(field.windows(), HostArrays.of(manager, kept));
        int promoted = other.fullSample.length - fullSample.length;
        int s = window(r);
        int shift = margin - r;
        int sites = side * side;
        long[] rows = new long[promoted * sites];
        long[] samples = new long[promoted];
        long zero = (long) windowSample.length * s * s;
        for (int f = 0; f < promoted; f++) {
            int g = fullSample.length + f;
            samples[f] = other.fullSample[g];
            int item = itemOf[other.fullSample[g] * nodes + other.fullNode[g]];
            for (int p = 0; p < sites; p++) {
                long row = zero;
                if (item != ABSENT) {
                    int u = local(p / side, windowTop[item]) - shift;
                    int v = local(p % side, windowLeft[item]) - shift;
                    if (u >= 0 && u < s && v >= 0 && v < s) {
                        row = ((long) item * s + u) * s + v;
                    }
                }
                rows[f * sites + p] = row;
            }
        }
        long channels = field.group().getShape().get(1);
        NDArray source = windowSample.length == 0 ? zeroRow(channels)
                : NDArrays.concat(new NDList(toRows(field.windows()), zeroRow(channels)), 0);
        NDArray placed = fromRows(Ops.gatherRows(source, HostArrays.of(manager, rows)), promoted, side)
                .add(Ops.gatherRows(field.group(), HostArrays.of(manager, samples)));
        return new Field(NDArrays.concat(new NDList(field.group(), placed), 0), windows);
    }

    /**
     * The backgrounds (the first B rows of a group (G, C, L, L)) cropped periodically at every window
     * at radius r: (W, C, s, s); {@code null} without windows.
     */
    NDArray crop(NDArray group, int r) {
        if (windowBase == null) {
            return null;
        }
        int s = window(r);
        // Rows of the group's pixels, channels last: the index has no channel axis, so what the
        // gather's backward pass keeps is W s² indices, not W C s².
        NDIndex part = new NDIndex().addAllDim().addSliceDim(margin - r, margin - r + s);
        NDArray index = windowBase.add(windowRows.get(part).expandDims(2)).add(windowCols.get(part).expandDims(1));
        return fromRows(Ops.gatherRows(toRows(group), index.reshape(-1)), windowSample.length, s);
    }

    /** Per group row, its sample's row of a per-sample array (B, ...): (G, ...). */
    NDArray perGroupRow(NDArray perSample) {
        return Ops.gatherRows(perSample, groupSamples);
    }

    /**
     * The mean over the nodes of each sample (B, C, L, L) of a field whose group rows hold values
     * (G, C, L, L) and whose windows hold differences at radius r (W, C, s, s) or {@code null}: the
     * absent and windowed nodes count the background, the windows add their differences placed on the
     * grid. The radius must be one the plan was made for.
     */
    NDArray nodeMean(NDArray group, NDArray windows, int r) {
        long[] g = group.getShape().getShape();
        NDArray mean = groupSums.matMul(group.reshape(g[0], -1)).reshape(batch, g[1], g[2], g[3]);
        if (windows == null) {
            return mean;
        }
        return mean.add(Ops.div(scatterSum(windows, g[1], r), nodes));
    }

    /** The sum over the windows of each sample at radius r placed on the grid: (B, C, L, L). */
    private NDArray scatterSum(NDArray windows, long channels, int r) {
        NDArray index = prepared(scatterRows, r, "scatter");
        long coverage = index.getShape().get(0);
        NDArray source = NDArrays.concat(new NDList(toRows(windows), zeroRow(channels)), 0);
        long pixels = (long) batch * side * side;
        NDArray sum;
        if (pixels * coverage * channels <= GATHER_CHUNK) {
            sum = Ops.gatherRows(source, index.reshape(-1)).reshape(coverage, pixels, channels).sum(new int[] {0});
        } else {
            sum = null;
            for (int k = 0; k < coverage; k++) {
                NDArray layer = Ops.gatherRows(source, index.get(k));
                sum = sum == null ? layer : sum.add(layer);
            }
        }
        return fromRows(sum, batch, side);
    }

    /**
     * Per node, (B, N, C, L, L): a full node's group row, else its sample's background plus its window
     * at radius r placed on the grid (nothing for an absent id). The radius must be one the plan was
     * made for.
     */
    NDArray perNode(NDArray group, NDArray windows, int r) {
        long[] g = group.getShape().getShape();
        NDArray rows = Ops.gatherRows(group, nodeGroupRows).reshape(batch, nodes, g[1], g[2], g[3]);
        if (windows == null) {
            return rows;
        }
        NDArray source = NDArrays.concat(new NDList(toRows(windows), zeroRow(g[1])), 0);
        NDArray placed = Ops.gatherRows(source, prepared(nodeRows, r, "per-node"))
                .reshape(batch, nodes, side, side, g[1]).transpose(0, 1, 4, 2, 3);
        return rows.add(placed);
    }

    /**
     * Per node, (B, N, C): a full node's group row (G, C), else its sample's background row plus its
     * window's row (W, C) ({@code null} without windows).
     */
    NDArray perNodeRows(NDArray groupRows, NDArray windowRows) {
        long channels = groupRows.getShape().get(1);
        NDArray rows = Ops.gatherRows(groupRows, nodeGroupRows);
        if (windowRows != null) {
            NDArray source = NDArrays.concat(new NDList(windowRows, zeroRow(channels)), 0);
            rows = rows.add(Ops.gatherRows(source, nodeWindows));
        }
        return rows.reshape(batch, nodes, channels);
    }

    /** Window differences at radius {@code from} zero-padded to radius {@code to}; {@code null} stays. */
    NDArray grow(NDArray windows, int from, int to) {
        if (from == to || windows == null) {
            return windows;
        }
        int by = to - from;
        long[] s = windows.getShape().getShape();
        NDArray rowsPad = manager.zeros(new Shape(s[0], s[1], by, s[3]), windows.getDataType());
        NDArray tall = NDArrays.concat(new NDList(rowsPad, windows, rowsPad), 2);
        NDArray colsPad = manager.zeros(new Shape(s[0], s[1], s[2] + 2L * by, by), windows.getDataType());
        return NDArrays.concat(new NDList(colsPad, tall, colsPad), 3);
    }

    /**
     * The 0/1 masks of the input ids: the windows' at radius r (W, 1, s, s), and the group's (G, 1, L,
     * L), zero on the background rows.
     */
    Field masks(int r) {
        return masks(ids, 0, r);
    }


    /** The input sites dilated by {@code reach} sites (Chebyshev, periodic), 0/1, as {@link #masks}. */
    Field reachMasks(int reach, int r) {
        return masks(ids, reach, r);
    }

    /**
     * Rows of a per-node array (B N, ...) for the group (G, ...), zero on the background rows, and for
     * the windows (W, ...) ({@code null} without windows).
     */
    Field nodeValues(NDArray perNode) {
        // Index arrays stay open: the gathers' backward passes read them.
        long[] shape = perNode.getShape().getShape();
        shape[0] = batch;
        NDArray zeros = manager.zeros(new Shape(shape), perNode.getDataType());
        NDArray group = fullSample.length == 0 ? zeros : NDArrays.concat(new NDList(zeros,
                Ops.gatherRows(perNode, HostArrays.of(manager, flatNodes(fullSample, fullNode)))), 0);
        NDArray windows = windowSample.length == 0 ? null
                : Ops.gatherRows(perNode, HostArrays.of(manager, flatNodes(windowSample, windowNode)));
        return new Field(group, windows);
    }

    /**
     * Whether a windowed pass of a large plan frees, even in training, every array a step made besides
     * its results: on PyTorch, whose autograd holds its own references to the tensors a backward pass
     * reads (made by its ops; arrays made from host data, which it may not own, are made outside the
     * steps). MXNet keeps them all.
     */
    boolean freesTransients() {
        return large() && Engines.PYTORCH.equals(manager.getEngine().getEngineName());
    }

    /** Whether the plan is large ({@link #largePixels}). */
    boolean large() {
        long w = window(margin);
        return (long) windowSample.length * w * w + (long) (batch + fullSample.length) * side * side > largePixels;
    }

    /** The side of a window at radius r. */
    int window(int r) {
        return core + 2 * r;
    }

    /** Samples in the batch. */
    int batch() {
        return batch;
    }

    /** Nodes per sample. */
    int nodes() {
        return nodes;
    }

    /** The lattice side L. */
    int side() {
        return side;
    }

    /** The largest radius the plan was made for. */
    int margin() {
        return margin;
    }

    /** Windowed nodes. */
    int windowCount() {
        return windowSample.length;
    }

    /** Nodes on the full grid. */
    int fullCount() {
        return fullSample.length;
    }


    private static NDArray prepared(Map<Integer, NDArray> indices, int r, String what) {
        if (!indices.containsKey(r)) {
            throw new IllegalStateException("the plan has no " + what + " index at radius " + r + "; it has "
                    + new TreeSet<>(indices.keySet()));
        }
        return indices.get(r);
    }

    private Field masks(int[] source, int reach, int r) {
        int sites = side * side;
        int s = window(r);
        int shift = margin - r;
        float[] windows = new float[windowSample.length * s * s];
        for (int i = 0; i < windowSample.length; i++) {
            fillWindow(source, windowSample[i], windowNode[i], windowTop[i] + shift, windowLeft[i] + shift, s, reach,
                    windows, i * s * s);
        }
        float[] group = new float[(batch + fullSample.length) * sites];
        for (int f = 0; f < fullSample.length; f++) {
            fillWindow(source, fullSample[f], fullNode[f], 0, 0, side, reach, group, (batch + f) * sites);
        }
        NDArray w = windowSample.length == 0 ? null
                : HostArrays.of(manager, windows, new Shape(windowSample.length, 1, s, s)).toType(dataType, false);
        NDArray g = HostArrays.of(manager, group, new Shape(batch + fullSample.length, 1, side, side)).toType(dataType, false);
        return new Field(g, w);
    }

    /**
     * Writes the 0/1 grid of node n's sites in sample b, dilated by {@code reach} (a square,
     * periodic), on the s x s periodic window at (top, left) into {@code out} from {@code at}.
     */
    private void fillWindow(int[] source, int b, int n, int top, int left, int s, int reach, float[] out, int at) {
        int span = Math.min(s + 2 * reach, side);
        boolean wraps = span < s + 2 * reach;
        // The sites of the window grown by the reach (the whole lattice when that wraps), then a running
        // count along each axis.
        int rowFrom = wraps ? 0 : top - reach;
        int colFrom = wraps ? 0 : left - reach;
        int[] count = new int[span * span];
        int base = b * side * side;
        for (int u = 0; u < span; u++) {
            int y = Math.floorMod(rowFrom + u, side);
            for (int v = 0; v < span; v++) {
                count[u * span + v] = source[base + y * side + Math.floorMod(colFrom + v, side)] == n ? 1 : 0;
            }
        }
        if (reach > 0) {
            count = runningSum(count, span, reach, wraps, true);
            count = runningSum(count, span, reach, wraps, false);
        }
        for (int u = 0; u < s; u++) {
            int cu = wraps ? Math.floorMod(top + u, side) : u + reach;
            for (int v = 0; v < s; v++) {
                int cv = wraps ? Math.floorMod(left + v, side) : v + reach;
                out[at + u * s + v] = count[cu * span + cv] > 0 ? 1f : 0f;
            }
        }
    }

    /**
     * The sum over 2 reach + 1 neighbours along one axis of a span x span grid, periodic when {@code
     * wraps} (the grid is the whole lattice), else only where all neighbours lie inside (the centre).
     */
    private static int[] runningSum(int[] grid, int span, int reach, boolean wraps, boolean alongRows) {
        int[] out = new int[grid.length];
        int width = Math.min(2 * reach + 1, span);
        for (int line = 0; line < span; line++) {
            for (int i = 0; i < span; i++) {
                int sum = 0;
                if (wraps || (i >= reach && i < span - reach)) {
                    for (int d = -reach; d < -reach + width; d++) {
                        int j = wraps ? Math.floorMod(i + d, span) : i + d;
                        sum += alongRows ? grid[j * span + line] : grid[line * span + j];
                    }
                }
                if (alongRows) {
                    out[i * span + line] = sum;
                } else {
                    out[line * span + i] = sum;
                }
            }
        }
        return out;
    }

    /**
     * For each coverage layer k and pixel (b, p) of the batch, the k-th window row at radius r
     * covering it, else the zero row; {@code null} without windows.
     */
    private NDArray scatterRowIndex(int r) {
        int sites = side * side;
        int windows = windowSample.length;
        int s = window(r);
        int shift = margin - r;
        int[] count = new int[batch * sites];
        for (int i = 0; i < windows; i++) {
            for (int u = 0; u < s; u++) {
                int y = (windowTop[i] + shift + u) % side;
                for (int v = 0; v < s; v++) {
                    count[windowSample[i] * sites + y * side + (windowLeft[i] + shift + v) % side]++;
                }
            }
        }
        int coverage = Arrays.stream(count).max().orElse(0);
        if (coverage == 0) {
            return null;
        }
        int layer = batch * sites;
        long[] rows = new long[coverage * layer];
        Arrays.fill(rows, (long) windows * s * s);
        Arrays.fill(count, 0);
        for (int i = 0; i < windows; i++) {
            for (int u = 0; u < s; u++) {
                int y = (windowTop[i] + shift + u) % side;
                for (int v = 0; v < s; v++) {
                    int pixel = windowSample[i] * sites + y * side + (windowLeft[i] + shift + v) % side;
                    rows[count[pixel]++ * layer + pixel] = ((long) i * s + u) * s + v;
                }
            }
        }
        return HostArrays.of(manager, rows, new Shape(coverage, layer));
    }

    /** For each (sample, node, pixel), its window's row at radius r covering it, else the zero row. */
    private NDArray nodeRowIndex(int r) {
        int sites = side * side;
        int windows = windowSample.length;
        int s = window(r);
        int shift = margin - r;
        long[] rows = new long[batch * nodes * sites];
        Arrays.fill(rows, (long) windows * s * s);
        for (int i = 0; i < windows; i++) {
            int start = (windowSample[i] * nodes + windowNode[i]) * sites;
            for (int u = 0; u < s; u++) {
                int y = (windowTop[i] + shift + u) % side;
                for (int v = 0; v < s; v++) {
                    rows[start + y * side + (windowLeft[i] + shift + v) % side] = ((long) i * s + u) * s + v;
                }
            }
        }
        return HostArrays.of(manager, rows);
    }

    private NDArray zeroRow(long channels) {
        return manager.zeros(new Shape(1, channels), dataType);
    }


    /** (M, C, s, s) to (M s², C). */
    static NDArray toRows(NDArray x) {
        long[] s = x.getShape().getShape();
        return x.transpose(0, 2, 3, 1).reshape(s[0] * s[2] * s[3], s[1]);
    }

    /** (M s², C) to (M, C, s, s). */
    static NDArray fromRows(NDArray rows, long items, long gridSide) {
        long channels = rows.getShape().get(1);
        return rows.reshape(items, gridSide, gridSide, channels).transpose(0, 3, 1, 2);
    }

    /** Whether window coordinates (u, v) lie {@code reach} sites inside a window of side w. */
    private static boolean inside(int u, int v, int reach, int w) {
        return u >= reach && u < w - reach && v >= reach && v < w - reach;
    }

    /** A torus coordinate relative to a window's first row or column, in [0, L). */
    private int local(int coordinate, int start) {
        return Math.floorMod(coordinate - start, side);
    }

    private long[] flatNodes(int[] samples, int[] nodeIds) {
        long[] out = new long[samples.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) samples[i] * nodes + nodeIds[i];
        }
        return out;
    }

    /**
     * The window side with the fewest computed pixels, or 0 for none: nodes whose need is at most the
     * side get windows of that side, the others the full grid. Ties go to the full grid.
     */
    private static int cheapestWindow(int[] need, boolean[] present, int side) {
        int[] count = new int[side + 1];
        long presentCount = 0;
        for (int k = 0; k < need.length; k++) {
            if (present[k]) {
                presentCount++;
                if (need[k] <= side) {
                    count[need[k]]++;
                }
            }
        }
        long best = presentCount * side * side;
        int bestWindow = 0;
        long windowed = 0;
        for (int t = 1; t <= side; t++) {
            windowed += count[t];
            long cost = windowed * t * t + (presentCount - windowed) * side * side;
            if (count[t] > 0 && cost < best) {
                best = cost;
                bestWindow = t;
            }
        }
        return bestWindow;
    }

    /** The smallest periodic arc holding the true entries: {start, length}; the whole circle if all are true. */
    static int[] arc(boolean[] occupied) {
        return arc(occupied, 0, occupied.length);
    }

    private static int[] arc(boolean[] occupied, int from, int n) {
        int bestGap = 0;
        int bestEnd = 0;
        int run = 0;
        for (int i = 0; i < 2 * n; i++) {
            if (occupied[from + i % n]) {
                run = 0;
            } else {
                run++;
                if (run > bestGap && run <= n) {
                    bestGap = run;
                    bestEnd = i % n;
                }
            }
        }
        if (bestGap == 0) {
            return new int[] {0, n};
        }
        return new int[] {(bestEnd + 1) % n, n - bestGap};
    }

    /** The first row (or column) of a window of side w centred on an arc with the margin on both sides. */
    private static int offset(int start, int extent, int margin, int window, int side) {
        return Math.floorMod(start - margin - (window - extent - 2 * margin) / 2, side);
    }

    private static int[] hostIds(NDArray state, int nodes) {
        int[] ids;
        try (NDArray channel = CellStates.ids(state); NDArray asInt = channel.toType(DataType.INT32, false)) {
            ids = asInt.toIntArray();
        }
        int max = Integer.MIN_VALUE;
        int min = Integer.MAX_VALUE;
        for (int id : ids) {
            max = Math.max(max, id);
            min = Math.min(min, id);
        }
        if (max >= nodes) {
            throw new IllegalArgumentException("cell id " + max + " in the input, but the model has nodes for ids 0.."
                    + (nodes - 1) + " only: use the preset that matches the data");
        }
        if (min < 0) {
            throw new IllegalArgumentException("cell id " + min + " in the input: ids must be >= 0");
        }
        return ids;
    }

    private static int[] column(List<int[]> rows, int c) {
        int[] out = new int[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c];
        }
        return out;
    }

    /**
     * A node field of a plan: the group's values (G, C, L, L), its first B rows the backgrounds and the
     * rest the full nodes, and the windows' differences from the background (W, C, s, s), {@code null}
     * when the plan has no windows.
     */
    record Field(NDArray group, NDArray windows) {

        /** The arrays present. */
        List<NDArray> parts() {
            List<NDArray> out = new ArrayList<>(2);
            out.add(group);
            if (windows != null) {
                out.add(windows);
            }
            return out;
        }
    }
}
