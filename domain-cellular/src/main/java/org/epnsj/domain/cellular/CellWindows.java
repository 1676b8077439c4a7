package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.epnsj.runtime.ops.Ops;

/**
 * Where the windowed cell EPNS computes each node of a batch of cell states (spec section 4.4 with
 * the node grids of docs/architecture.md, "Local windows").
 *
 * <p>Every node's field is the field of an empty id (the <em>background</em>, one full L x L grid
 * per sample, computed from the type map alone) plus a difference that is zero beyond a fixed
 * distance from the node's sites: {@code margin} sites for every layer of the model. So a node is
 * computed as its difference on a square window of side {@code window} that holds its sites and
 * that margin (an <em>item</em> with zero padding), or, when no such window is cheaper, on the full
 * periodic grid (a <em>full item</em> with circular padding); an id absent from the input has no
 * item, its field is the background. Each convolution of an item adds the background's
 * pre-activation, cropped periodically at the item's offset, to the convolution of the item's
 * difference; the result is the same as on the full grid wherever the difference's support stays
 * {@code margin} sites inside the window, whatever the window's offset (the windows need not move
 * with the symmetry: the values they give do not depend on where they sit). The window side is
 * {@code max(extent) + 2 margin} over the windowed nodes, the extent being the longer side of the
 * smallest periodic rectangle holding the node's sites; which nodes get windows is chosen by
 * the number of pixels computed, from the multiset of extents alone.
 *
 * <p>Per-pixel arrays of items are addressed as rows of a channels-last stack: the windows'
 * pixels (W w², C), then the full items' (F L², C), then one zero row; per-item vectors as rows of
 * (W, C), (F, C) and a zero row. The index arrays are built once, on the host, when the plan is made.
 */
final class CellWindows {

    /** The node's field is the background: its id has no site. */
    private static final int ABSENT = -1;

    /** Above this many gathered values the scatter-sum gathers one coverage layer at a time. */
    private static final long GATHER_CHUNK = 1L << 24;

    private final int batch;
    private final int nodes;
    private final int side;
    private final int window;
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
    private final NDArray cropRows;
    private final NDArray fullSamples;
    private final NDArray scatterRows;
    private final int coverage;
    private final NDArray nodeRows;
    private final NDArray nodeItems;

    private CellWindows(int batch, int nodes, int side, int window, int margin, int[] ids, int[] windowSample,
            int[] windowNode, int[] windowTop, int[] windowLeft, int[] fullSample, int[] fullNode, NDManager manager,
            DataType dataType) {
        this.batch = batch;
        this.nodes = nodes;
        this.side = side;
        this.window = window;
        this.margin = margin;
        this.ids = ids;
        this.windowSample = windowSample;
        this.windowNode = windowNode;
        this.windowTop = windowTop;
        this.windowLeft = windowLeft;
        this.fullSample = fullSample;
        this.fullNode = fullNode;
        this.manager = manager;
        this.dataType = dataType;
        this.itemOf = new int[batch * nodes];
        Arrays.fill(itemOf, ABSENT);
        for (int i = 0; i < windowSample.length; i++) {
            itemOf[windowSample[i] * nodes + windowNode[i]] = i;
        }
        for (int f = 0; f < fullSample.length; f++) {
            itemOf[fullSample[f] * nodes + fullNode[f]] = windowSample.length + f;
        }
        this.cropRows = windowSample.length == 0 ? null : manager.create(cropRowIndex());
        this.fullSamples = fullSample.length == 0 ? null
                : manager.create(Arrays.stream(fullSample).asLongStream().toArray());
        long[][] scatter = scatterRowIndex();
        this.coverage = scatter.length;
        this.scatterRows = coverage == 0 ? null
                : manager.create(flatten(scatter), new Shape(coverage, (long) batch * side * side));
        this.nodeRows = manager.create(nodeRowIndex());
        long[] items = new long[batch * nodes];
        for (int k = 0; k < items.length; k++) {
            items[k] = itemOf[k] == ABSENT ? itemCount() : itemOf[k];
        }
        this.nodeItems = manager.create(items);
    }

    /**
     * Plans a batch of states (B, L, L, 2).
     *
     * @param state the states; their ids are read to the host
     * @param nodes ids 0..nodes-1; a larger id fails with one line
     * @param margin sites of difference support around a node's sites (the model's receptive reach)
     * @param windows whether windows may be used; without them every present id is a full item
     */
    static CellWindows plan(NDArray state, int nodes, int margin, boolean windows) {
        int side = CellStates.side(state);
        int batch = (int) state.getShape().get(0);
        int[] ids = hostIds(state, nodes);
        int sites = side * side;
        // Per (sample, node): the arcs of occupied rows and columns.
        int[] extentRows = new int[batch * nodes];
        int[] extentCols = new int[batch * nodes];
        int[] startRows = new int[batch * nodes];
        int[] startCols = new int[batch * nodes];
        boolean[] present = new boolean[batch * nodes];
        boolean[] rows = new boolean[side];
        boolean[] cols = new boolean[side];
        for (int b = 0; b < batch; b++) {
            for (int n = 0; n < nodes; n++) {
                Arrays.fill(rows, false);
                Arrays.fill(cols, false);
                boolean any = false;
                for (int p = 0; p < sites; p++) {
                    if (ids[b * sites + p] == n) {
                        rows[p / side] = true;
                        cols[p % side] = true;
                        any = true;
                    }
                }
                int k = b * nodes + n;
                present[k] = any;
                if (any) {
                    int[] r = arc(rows);
                    int[] c = arc(cols);
                    startRows[k] = r[0];
                    extentRows[k] = r[1];
                    startCols[k] = c[0];
                    extentCols[k] = c[1];
                }
            }
        }
        int[] need = new int[batch * nodes];
        List<Integer> candidates = new ArrayList<>();
        for (int k = 0; k < need.length; k++) {
            need[k] = present[k] ? Math.max(extentRows[k], extentCols[k]) + 2 * margin : 0;
            if (present[k] && need[k] <= side) {
                candidates.add(need[k]);
            }
        }
        int window = windows ? cheapestWindow(need, present, candidates, side) : 0;
        List<int[]> win = new ArrayList<>();
        List<int[]> full = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            for (int n = 0; n < nodes; n++) {
                int k = b * nodes + n;
                if (!present[k]) {
                    continue;
                }
                if (window > 0 && need[k] <= window) {
                    int top = offset(startRows[k], extentRows[k], margin, window, side);
                    int left = offset(startCols[k], extentCols[k], margin, window, side);
                    win.add(new int[] {b, n, top, left});
                } else {
                    full.add(new int[] {b, n});
                }
            }
        }
        return new CellWindows(batch, nodes, side, win.isEmpty() ? 0 : window, margin, ids, column(win, 0),
                column(win, 1), column(win, 2), column(win, 3), column(full, 0), column(full, 1), state.getManager(),
                state.getDataType());
    }

    /**
     * This plan with the nodes whose sites in {@code target} (B, L, L, 2) do not lie {@code reach}
     * sites inside their window computed on the full grid instead, and the ids absent from the input
     * but present in the target given full items: the posterior reads the target's node masks.
     */
    CellWindows withTargets(NDArray target, int reach) {
        int[] targetIds = hostIds(target, nodes);
        int sites = side * side;
        boolean[] promote = new boolean[batch * nodes];
        boolean any = false;
        for (int b = 0; b < batch; b++) {
            for (int p = 0; p < sites; p++) {
                int n = targetIds[b * sites + p];
                int k = b * nodes + n;
                int item = itemOf[k];
                boolean misfit = item == ABSENT || item < windowSample.length
                        && !inside(local(p / side, windowTop[item]), local(p % side, windowLeft[item]), reach);
                if (misfit && !promote[k]) {
                    promote[k] = true;
                    any = true;
                }
            }
        }
        if (!any) {
            return this;
        }
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
        return new CellWindows(batch, nodes, side, win.isEmpty() ? 0 : window, margin, ids, column(win, 0),
                column(win, 1), column(win, 2), column(win, 3), column(full, 0), column(full, 1), manager, dataType);
    }

    /**
     * Moves a field's items from this plan to {@code other}, a plan made from this one by {@link
     * #withTargets}: kept windows stay, the full items stay and come first, and the promoted nodes get
     * their windows placed on a full grid (absent ones a zero grid).
     */
    NodeItems moveTo(CellWindows other, NodeItems items) {
        if (other == this) {
            return items;
        }
        long[] kept = new long[other.windowSample.length];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = itemOf[other.windowSample[i] * nodes + other.windowNode[i]];
        }
        NDArray windows = null;
        if (kept.length > 0) {
            try (NDArray index = manager.create(kept)) {
                windows = Ops.gatherRows(items.windows(), index);
            }
        }
        int promoted = other.fullSample.length - fullSample.length;
        long[] rows = new long[promoted * side * side];
        int zero = windowSample.length * window * window;
        for (int f = 0; f < promoted; f++) {
            int g = fullSample.length + f;
            int item = itemOf[other.fullSample[g] * nodes + other.fullNode[g]];
            for (int p = 0; p < side * side; p++) {
                int row = zero;
                if (item != ABSENT) {
                    int u = local(p / side, windowTop[item]);
                    int v = local(p % side, windowLeft[item]);
                    if (u < window && v < window) {
                        row = (item * window + u) * window + v;
                    }
                }
                rows[f * side * side + p] = row;
            }
        }
        long channels = channels(items);
        NDList parts = new NDList();
        if (items.full() != null) {
            parts.add(items.full());
        }
        NDArray source = windowSample.length == 0 ? zeroRow(channels)
                : NDArrays.concat(new NDList(toRows(items.windows()), zeroRow(channels)), 0);
        try (NDArray index = manager.create(rows)) {
            parts.add(fromRows(Ops.gatherRows(source, index), promoted, side));
        }
        NDArray full = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
        return new NodeItems(windows, full);
    }

    /** (B, C, L, L) cropped periodically at every window and copied for every full item. */
    NodeItems crop(NDArray background) {
        NDArray windows = null;
        if (cropRows != null) {
            windows = fromRows(Ops.gatherRows(toRows(background), cropRows), windowSample.length, window);
        }
        NDArray full = fullSamples == null ? null : Ops.gatherRows(background, fullSamples);
        return new NodeItems(windows, full);
    }

    /** The sum over the nodes of each sample of the items' values placed on the grid: (B, C, L, L); zeros without items. */
    NDArray scatterSum(NodeItems items, long channels) {
        if (coverage == 0) {
            return manager.zeros(new Shape(batch, channels, side, side), dataType);
        }
        NDArray source = itemRows(items, channels);
        long pixels = (long) batch * side * side;
        NDArray sum;
        if (pixels * coverage * channels <= GATHER_CHUNK) {
            sum = Ops.gatherRows(source, scatterRows.reshape(-1)).reshape(coverage, pixels, channels).sum(new int[] {0});
        } else {
            sum = null;
            for (int k = 0; k < coverage; k++) {
                NDArray layer = Ops.gatherRows(source, scatterRows.get(k));
                sum = sum == null ? layer : sum.add(layer);
            }
        }
        return fromRows(sum, batch, side);
    }

    /** Per node: the background (B, C, L, L) plus the node's item placed on the grid, (B, N, C, L, L). */
    NDArray perNode(NDArray background, NodeItems items) {
        long channels = background.getShape().get(1);
        NDArray placed = Ops.gatherRows(itemRows(items, channels), nodeRows)
                .reshape(batch, nodes, side, side, channels).transpose(0, 1, 4, 2, 3);
        return placed.add(background.expandDims(1));
    }

    /** Per node: the background's row (B, C) plus the node's item row (W, C) or (F, C); (B, N, C). */
    NDArray perNodeRows(NDArray background, NDArray windowRows, NDArray fullRows) {
        long channels = background.getShape().get(1);
        NDList parts = new NDList();
        if (windowRows != null) {
            parts.add(windowRows);
        }
        if (fullRows != null) {
            parts.add(fullRows);
        }
        parts.add(zeroRow(channels));
        NDArray placed = Ops.gatherRows(NDArrays.concat(parts, 0), nodeItems).reshape(batch, nodes, channels);
        return placed.add(background.expandDims(1));
    }

    /** The 0/1 masks of the input ids of every item: (W, 1, w, w) and (F, 1, L, L). */
    NodeItems masks() {
        return masks(ids, 0);
    }

    /** The 0/1 masks of the target's ids (B, L, L, 2) on this plan's items. */
    NodeItems targetMasks(NDArray target) {
        return masks(hostIds(target, nodes), 0);
    }

    /** The items' input sites dilated by {@code reach} sites (Chebyshev, periodic), as 0/1 masks. */
    NodeItems reachMasks(int reach) {
        return masks(ids, reach);
    }

    /**
     * One value per item, picked from a per-node array (B N, ...) by the items' (sample, node):
     * (W, ...) and (F, ...).
     */
    NodeItems itemValues(NDArray perNode) {
        NDArray windows = null;
        NDArray full = null;
        if (windowSample.length > 0) {
            try (NDArray index = manager.create(flatNodes(windowSample, windowNode))) {
                windows = Ops.gatherRows(perNode, index);
            }
        }
        if (fullSample.length > 0) {
            try (NDArray index = manager.create(flatNodes(fullSample, fullNode))) {
                full = Ops.gatherRows(perNode, index);
            }
        }
        return new NodeItems(windows, full);
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

    /** The window side w, 0 when no node has a window. */
    int window() {
        return window;
    }

    /** The margin the windows were made for. */
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

    /** The most items of one sample that cover one pixel. */
    int coverage() {
        return coverage;
    }

    private int itemCount() {
        return windowSample.length + fullSample.length;
    }

    private NodeItems masks(int[] source, int reach) {
        int sites = side * side;
        float[] windows = new float[windowSample.length * window * window];
        for (int i = 0; i < windowSample.length; i++) {
            float[] grid = dilated(source, windowSample[i], windowNode[i], reach);
            for (int u = 0; u < window; u++) {
                int y = (windowTop[i] + u) % side;
                for (int v = 0; v < window; v++) {
                    windows[(i * window + u) * window + v] = grid[y * side + (windowLeft[i] + v) % side];
                }
            }
        }
        float[] full = new float[fullSample.length * sites];
        for (int f = 0; f < fullSample.length; f++) {
            System.arraycopy(dilated(source, fullSample[f], fullNode[f], reach), 0, full, f * sites, sites);
        }
        NDArray w = windowSample.length == 0 ? null
                : manager.create(windows, new Shape(windowSample.length, 1, window, window)).toType(dataType, false);
        NDArray g = fullSample.length == 0 ? null
                : manager.create(full, new Shape(fullSample.length, 1, side, side)).toType(dataType, false);
        return new NodeItems(w, g);
    }

    /** The 0/1 grid of node n's sites in sample b, dilated by {@code reach} (a square, periodic). */
    private float[] dilated(int[] source, int b, int n, int reach) {
        int sites = side * side;
        boolean[] mask = new boolean[sites];
        for (int p = 0; p < sites; p++) {
            mask[p] = source[b * sites + p] == n;
        }
        if (reach > 0) {
            mask = dilateAlong(mask, reach, 1, side);
            mask = dilateAlong(mask, reach, side, 1);
        }
        float[] out = new float[sites];
        for (int p = 0; p < sites; p++) {
            out[p] = mask[p] ? 1f : 0f;
        }
        return out;
    }

    /** A periodic running maximum of width 2 reach + 1 along one axis (step {@code along}; lines {@code across}). */
    private boolean[] dilateAlong(boolean[] mask, int reach, int along, int across) {
        boolean[] out = new boolean[mask.length];
        int width = Math.min(2 * reach + 1, side);
        for (int line = 0; line < side; line++) {
            int base = line * across;
            int count = 0;
            for (int d = -reach; d < -reach + width; d++) {
                count += mask[base + Math.floorMod(d, side) * along] ? 1 : 0;
            }
            for (int i = 0; i < side; i++) {
                out[base + i * along] = count > 0;
                if (width < side) {
                    count -= mask[base + Math.floorMod(i - reach, side) * along] ? 1 : 0;
                    count += mask[base + Math.floorMod(i - reach + width, side) * along] ? 1 : 0;
                }
            }
        }
        return out;
    }

    private long[] cropRowIndex() {
        int w2 = window * window;
        long[] rows = new long[windowSample.length * w2];
        for (int i = 0; i < windowSample.length; i++) {
            long base = (long) windowSample[i] * side * side;
            for (int u = 0; u < window; u++) {
                int y = (windowTop[i] + u) % side;
                for (int v = 0; v < window; v++) {
                    rows[i * w2 + u * window + v] = base + (long) y * side + (windowLeft[i] + v) % side;
                }
            }
        }
        return rows;
    }

    /** For each coverage layer k and pixel (b, p) of the batch, the k-th item row covering it, else the zero row. */
    private long[][] scatterRowIndex() {
        int sites = side * side;
        int windows = windowSample.length;
        long zero = (long) windows * window * window + (long) fullSample.length * sites;
        int[] count = new int[batch * sites];
        List<long[]> layers = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            for (int u = 0; u < window; u++) {
                int y = (windowTop[i] + u) % side;
                for (int v = 0; v < window; v++) {
                    int pixel = windowSample[i] * sites + y * side + (windowLeft[i] + v) % side;
                    place(layers, count, pixel, ((long) i * window + u) * window + v, zero);
                }
            }
        }
        for (int f = 0; f < fullSample.length; f++) {
            long base = (long) windows * window * window + (long) f * sites;
            for (int p = 0; p < sites; p++) {
                place(layers, count, fullSample[f] * sites + p, base + p, zero);
            }
        }
        return layers.toArray(new long[0][]);
    }

    private void place(List<long[]> layers, int[] count, int pixel, long row, long zero) {
        int k = count[pixel]++;
        if (k == layers.size()) {
            long[] layer = new long[count.length];
            Arrays.fill(layer, zero);
            layers.add(layer);
        }
        layers.get(k)[pixel] = row;
    }

    private long[] nodeRowIndex() {
        int sites = side * side;
        int windows = windowSample.length;
        long zero = (long) windows * window * window + (long) fullSample.length * sites;
        long[] rows = new long[batch * nodes * sites];
        Arrays.fill(rows, zero);
        for (int i = 0; i < windows; i++) {
            int base = (windowSample[i] * nodes + windowNode[i]) * sites;
            for (int u = 0; u < window; u++) {
                int y = (windowTop[i] + u) % side;
                for (int v = 0; v < window; v++) {
                    rows[base + y * side + (windowLeft[i] + v) % side] = ((long) i * window + u) * window + v;
                }
            }
        }
        for (int f = 0; f < fullSample.length; f++) {
            int base = (fullSample[f] * nodes + fullNode[f]) * sites;
            for (int p = 0; p < sites; p++) {
                rows[base + p] = (long) windows * window * window + (long) f * sites + p;
            }
        }
        return rows;
    }

    /** The items as rows of a channels-last stack with a zero row last. */
    private NDArray itemRows(NodeItems items, long channels) {
        NDList parts = new NDList();
        if (items.windows() != null) {
            parts.add(toRows(items.windows()));
        }
        if (items.full() != null) {
            parts.add(toRows(items.full()));
        }
        parts.add(zeroRow(channels));
        return NDArrays.concat(parts, 0);
    }

    private NDArray zeroRow(long channels) {
        return manager.zeros(new Shape(1, channels), dataType);
    }

    private static long channels(NodeItems items) {
        return (items.windows() != null ? items.windows() : items.full()).getShape().get(1);
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

    private boolean inside(int u, int v, int reach) {
        return u >= reach && u < window - reach && v >= reach && v < window - reach;
    }

    /** A torus coordinate relative to a window's first row or column, in [0, L). */
    private int local(int coordinate, int start) {
        return Math.floorMod(coordinate - start, side);
    }

    private long[] flatNodes(int[] samples, int[] ids) {
        long[] out = new long[samples.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) samples[i] * nodes + ids[i];
        }
        return out;
    }

    /**
     * The window side with the fewest computed pixels, or 0 for none: nodes whose need is at most the
     * side get windows of that side, the others the full grid. Ties go to the full grid.
     */
    private static int cheapestWindow(int[] need, boolean[] present, List<Integer> candidates, int side) {
        long presentCount = 0;
        for (boolean p : present) {
            presentCount += p ? 1 : 0;
        }
        long best = presentCount * side * side;
        int bestWindow = 0;
        for (int t : candidates.stream().distinct().sorted().toList()) {
            long windowed = 0;
            for (int k = 0; k < need.length; k++) {
                windowed += present[k] && need[k] <= t ? 1 : 0;
            }
            long cost = windowed * t * t + (presentCount - windowed) * side * side;
            if (cost < best) {
                best = cost;
                bestWindow = t;
            }
        }
        return bestWindow;
    }

    /** The smallest periodic arc holding the true entries: {start, length}; the whole circle if all are true. */
    static int[] arc(boolean[] occupied) {
        int n = occupied.length;
        int bestGap = 0;
        int bestEnd = 0;
        int run = 0;
        for (int i = 0; i < 2 * n; i++) {
            if (occupied[i % n]) {
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
        int max = Arrays.stream(ids).max().orElse(0);
        int min = Arrays.stream(ids).min().orElse(0);
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
        return rows.stream().mapToInt(r -> r[c]).toArray();
    }

    private static long[] flatten(long[][] rows) {
        int length = rows.length == 0 ? 0 : rows[0].length;
        long[] out = new long[rows.length * length];
        for (int k = 0; k < rows.length; k++) {
            System.arraycopy(rows[k], 0, out, k * length, length);
        }
        return out;
    }

    /**
     * The items of a windowed node field: the windows (W, C, w, w) with zero padding and the full
     * items (F, C, L, L) with circular padding; either is {@code null} when the plan has none.
     */
    record NodeItems(NDArray windows, NDArray full) {

        /** Applies {@code f(array, periodic)} to each part present. */
        NodeItems map(ItemFunction f) {
            return new NodeItems(windows == null ? null : f.apply(windows, false), full == null ? null
                    : f.apply(full, true));
        }

        /** Applies {@code f(a, b, periodic)} to the matching parts of two item sets of one plan. */
        NodeItems zip(NodeItems other, ItemBiFunction f) {
            return new NodeItems(windows == null ? null : f.apply(windows, other.windows, false), full == null ? null
                    : f.apply(full, other.full, true));
        }

        /** The parts present, windows first. */
        List<NDArray> parts() {
            List<NDArray> out = new ArrayList<>(2);
            if (windows != null) {
                out.add(windows);
            }
            if (full != null) {
                out.add(full);
            }
            return out;
        }
    }

    /** A function of one item part; {@code periodic} for full items. */
    @FunctionalInterface
    interface ItemFunction {
        NDArray apply(NDArray part, boolean periodic);
    }

    /** A function of two matching item parts; {@code periodic} for full items. */
    @FunctionalInterface
    interface ItemBiFunction {
        NDArray apply(NDArray a, NDArray b, boolean periodic);
    }
}
