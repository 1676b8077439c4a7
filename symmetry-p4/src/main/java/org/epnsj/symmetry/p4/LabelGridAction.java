package org.epnsj.symmetry.p4;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.GroupAction;
import org.epnsj.runtime.ops.Ops;
import org.epnsj.runtime.engine.HostArrays;

/**
 * The action of {@link P4Group} on channel-last grids (L, L, C): every site moves to R p + t (mod L)
 * and the values of the label channels are relabelled; other channels (cell type, features) move
 * with their site unchanged. Both forms are exact index permutations.
 */
public final class LabelGridAction implements GroupAction<GridSymmetry> {

    private final P4Group group;
    private final String name;
    private final boolean[] labelChannel;

    /**
     * Creates the action.
     *
     * @param group the group (its lattice size fixes L)
     * @param name what the grid holds, for reports
     * @param channels the channel count C
     * @param labelChannels the channels holding cell labels
     */
    public LabelGridAction(P4Group group, String name, int channels, int... labelChannels) {
        this.group = group;
        this.name = name;
        this.labelChannel = new boolean[channels];
        for (int c : labelChannels) {
            if (c < 0 || c >= channels) {
                throw new IllegalArgumentException("label channel " + c + " out of range for " + channels + " channels");
            }
            labelChannel[c] = true;
        }
    }

    @Override
    public Group<GridSymmetry> group() {
        return group;
    }

    @Override
    public String name() {
        return name;
    }

    /** For every target site q (row-major), the source site p with q = R p + t (mod L). */
    int[] sourceSites(GridSymmetry g) {
        int n = group.size();
        GridSymmetry inv = group.inverse(g);
        int[][] m = inv.matrix();
        int[] source = new int[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                int pr = Math.floorMod(m[0][0] * r + m[0][1] * c + inv.shiftRow(), n);
                int pc = Math.floorMod(m[1][0] * r + m[1][1] * c + inv.shiftCol(), n);
                source[r * n + c] = pr * n + pc;
            }
        }
        return source;
    }

    private void checkShape(long[] shape, int offset) {
        int n = group.size();
        if (shape.length != offset + 3 || shape[offset] != n || shape[offset + 1] != n
                || shape[offset + 2] != labelChannel.length) {
            throw new IllegalArgumentException(name + ": expected a grid of shape (" + n + ", " + n + ", "
                    + labelChannel.length + ")" + (offset == 1 ? " after the batch axis" : "") + ", got "
                    + Arrays.toString(shape));
        }
    }

    @Override
    public DoubleTensor act(GridSymmetry g, DoubleTensor x) {
        checkShape(x.shape(), 0);
        int channels = labelChannel.length;
        int[] source = sourceSites(g);
        double[] in = x.data();
        double[] out = new double[in.length];
        for (int q = 0; q < source.length; q++) {
            for (int c = 0; c < channels; c++) {
                double v = in[source[q] * channels + c];
                out[q * channels + c] = labelChannel[c] ? relabel(g, v) : v;
            }
        }
        return new DoubleTensor(x.shape(), out);
    }

    private static double relabel(GridSymmetry g, double v) {
        int l = (int) Math.round(v);
        if (l != v) {
            throw new IllegalArgumentException("label channel holds a non-integer value " + v);
        }
        return g.label(l);
    }

    @Override
    public NDArray act(GridSymmetry g, NDArray x) {
        long[] shape = x.getShape().getShape();
        checkShape(shape, 1);
        NDManager m = x.getManager();
        int n = group.size();
        int channels = labelChannel.length;
        long[] sites = Arrays.stream(sourceSites(g)).asLongStream().toArray();
        NDArray moved;
        try (NDArray index = HostArrays.of(m, sites)) {
            moved = Ops.gatherRows(x.reshape(shape[0], (long) n * n, channels), index, 1).reshape(shape);
        }
        boolean anyLabel = false;
        for (boolean b : labelChannel) {
            anyLabel |= b;
        }
        if (!anyLabel) {
            return moved;
        }
        // Relabel through a lookup table; labels carry no gradient.
        int maxLabel = Math.max(group.labels(), g.labels().length - 1);
        double[] table = new double[maxLabel + 1];
        for (int l = 0; l <= maxLabel; l++) {
            table[l] = g.label(l);
        }
        NDArray lookup = HostArrays.of(m, table).toType(x.getDataType(), false);
        NDArray[] parts = new NDArray[channels];
        for (int c = 0; c < channels; c++) {
            NDArray channel = moved.get("..., " + c + ":" + (c + 1));
            if (labelChannel[c]) {
                NDArray ids = channel.toType(DataType.INT64, false).reshape(-1);
                channel = Ops.gatherRows(lookup, ids).reshape(channel.getShape());
            }
            parts[c] = channel;
        }
        return ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(parts), -1);
    }
}
