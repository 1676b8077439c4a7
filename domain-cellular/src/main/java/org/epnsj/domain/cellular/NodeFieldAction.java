package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.GroupAction;
import org.epnsj.runtime.ops.Ops;
import org.epnsj.symmetry.p4.GridSymmetry;
import org.epnsj.symmetry.p4.LabelGridAction;
import org.epnsj.symmetry.p4.P4Group;
import org.epnsj.runtime.engine.HostArrays;

/**
 * The action of {@link P4Group} on per-node fields of the cell models, one node per cell id
 * (node 0 the medium): the field of node n moves to node {@code g.label(n)}. A spatial field
 * (N, C, L, L) also moves its sites as the state's grid does; a non-spatial one (N, D) or (N), such
 * as a per-cell latent pooled over space, is only permuted. An oriented field (N, 4 D) holds one
 * block of D values per quarter turn (the regular representation of C4, {@link
 * CellEpnsModel.Latent#ORIENTED}): a rotation by r quarter turns also shifts the blocks cyclically,
 * block k taking block k + r's values. Reflections have no action on it (p4 has none).
 */
final class NodeFieldAction implements GroupAction<GridSymmetry> {

    private final P4Group group;
    private final String name;
    private final boolean spatial;
    private final boolean oriented;
    private final LabelGridAction siteAction;

    /**
     * Creates the action.
     *
     * @param group the group; its lattice side fixes L
     * @param name what the field holds, for reports
     * @param spatial whether the last two axes are the lattice
     */
    NodeFieldAction(P4Group group, String name, boolean spatial) {
        this(group, name, spatial, false);
    }

    /**
     * Creates the action on a non-spatial field whose last axis is four blocks, one per quarter turn
     * ({@code oriented}), or on any field as {@link #NodeFieldAction(P4Group, String, boolean)}.
     */
    NodeFieldAction(P4Group group, String name, boolean spatial, boolean oriented) {
        if (spatial && oriented) {
            throw new IllegalArgumentException(name + ": an oriented field is a vector per node, not a grid");
        }
        this.group = group;
        this.name = name;
        this.spatial = spatial;
        this.oriented = oriented;
        this.siteAction = new LabelGridAction(group, "site index", 1);
    }

    @Override
    public Group<GridSymmetry> group() {
        return group;
    }

    @Override
    public String name() {
        return name;
    }

    /** For each target site (row-major), the source site, read off the state action on a site-index grid. */
    private int[] sourceSites(GridSymmetry g) {
        int n = group.size();
        double[] index = new double[n * n];
        Arrays.setAll(index, i -> i);
        double[] moved = siteAction.act(g, new DoubleTensor(new long[] {n, n, 1}, index)).data();
        return Arrays.stream(moved).mapToInt(v -> (int) v).toArray();
    }

    /** For each target node, the source node: the inverse of the relabelling on 0..nodes-1. */
    private static int[] sourceNodes(GridSymmetry g, int nodes) {
        int[] source = new int[nodes];
        for (int n = 0; n < nodes; n++) {
            int to = g.label(n);
            if (to >= nodes) {
                throw new IllegalArgumentException("element " + g + " moves node " + n + " to " + to
                        + " but the field has " + nodes + " nodes");
            }
            source[to] = n;
        }
        return source;
    }

    private void checkShape(long[] shape, int offset) {
        int rank = shape.length - offset;
        boolean ok = spatial ? rank == 4 && shape[offset + 2] == group.size() && shape[offset + 3] == group.size()
                : oriented ? rank == 2 && shape[offset + 1] % GridConv.TURNS == 0 : rank >= 1;
        if (!ok) {
            String expected = spatial ? "(nodes, C, " + group.size() + ", " + group.size() + ")"
                    : oriented ? "(nodes, 4 D)" : "(nodes, ...)";
            throw new IllegalArgumentException(name + ": expected " + expected + (offset == 1 ? " after the batch axis"
                    : "") + ", got " + Arrays.toString(shape));
        }
    }

    /** For each position of an oriented node's vector of {@code width} values, its source position under g. */
    private int[] sourceComponents(GridSymmetry g, int width) {
        if (g.reflected()) {
            throw new IllegalArgumentException(name + ": a reflection has no action on a field oriented by quarter "
                    + "turns only (p4, not p4m): " + g);
        }
        int block = width / GridConv.TURNS;
        int[] source = new int[width];
        for (int i = 0; i < width; i++) {
            source[i] = Math.floorMod(i / block + g.rotation(), GridConv.TURNS) * block + i % block;
        }
        return source;
    }

    @Override
    public DoubleTensor act(GridSymmetry g, DoubleTensor x) {
        long[] shape = x.shape();
        checkShape(shape, 0);
        int nodes = (int) shape[0];
        int perNode = x.size() / Math.max(1, nodes);
        int[] nodeSource = sourceNodes(g, nodes);
        int sites = spatial ? group.size() * group.size() : 1;
        int[] siteSource = spatial ? sourceSites(g) : new int[] {0};
        int blocks = perNode / sites;
        int[] component = oriented ? sourceComponents(g, blocks) : null;
        double[] in = x.data();
        double[] out = new double[in.length];
        for (int n = 0; n < nodes; n++) {
            for (int b = 0; b < blocks; b++) {
                int from = component == null ? b : component[b];
                for (int q = 0; q < sites; q++) {
                    out[(n * blocks + b) * sites + q] = in[(nodeSource[n] * blocks + from) * sites + siteSource[q]];
                }
            }
        }
        return new DoubleTensor(shape, out);
    }

    @Override
    public NDArray act(GridSymmetry g, NDArray x) {
        long[] shape = x.getShape().getShape();
        checkShape(shape, 1);
        NDManager m = x.getManager();
        int nodes = (int) shape[1];
        NDArray moved;
        try (NDArray index = HostArrays.of(m, Arrays.stream(sourceNodes(g, nodes)).asLongStream().toArray())) {
            moved = Ops.gatherRows(x, index, 1);
        }
        if (oriented) {
            try (NDArray index = HostArrays.of(m, Arrays.stream(sourceComponents(g, (int) shape[2])).asLongStream()
                    .toArray())) {
                return Ops.gatherRows(moved, index, 2);
            }
        }
        if (!spatial) {
            return moved;
        }
        int n = group.size();
        long[] flat = {shape[0], shape[1], shape[2], (long) n * n};
        try (NDArray index = HostArrays.of(m, Arrays.stream(sourceSites(g)).asLongStream().toArray())) {
            return Ops.gatherRows(moved.reshape(flat), index, 3).reshape(shape);
        }
    }
}
