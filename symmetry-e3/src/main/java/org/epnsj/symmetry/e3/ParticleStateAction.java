package org.epnsj.symmetry.e3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.GroupAction;
import org.epnsj.runtime.ops.Ops;
import org.epnsj.runtime.engine.HostArrays;

/**
 * The exact action of E(3) × S_n on particle states of shape (n, C) (reference form) and
 * (B, n, C) (array form): bodies are permuted, each 3-channel <em>point</em> block (positions)
 * becomes Q x + t, each 3-channel <em>vector</em> block (velocities, displacements) becomes Q v, and
 * every other channel (mass) is invariant.
 */
public final class ParticleStateAction implements GroupAction<E3xSnElement> {

    /** Channel of the mass in an n-body state [m, x, y, z, vx, vy, vz]. */
    public static final int MASS_CHANNEL = 0;
    /** First position channel of an n-body state. */
    public static final int POSITION_OFFSET = 1;
    /** First velocity channel of an n-body state. */
    public static final int VELOCITY_OFFSET = 4;
    /** Channels of an n-body state. */
    public static final int NBODY_CHANNELS = 7;

    private final E3xSnGroup group;
    private final String name;
    private final int channels;
    private final int[] pointOffsets;
    private final int[] vectorOffsets;

    /**
     * An action on states with {@code channels} channels per body.
     *
     * @param pointOffsets first channels of the 3-channel blocks that transform as points
     * @param vectorOffsets first channels of the 3-channel blocks that transform as free vectors
     * @throws IllegalArgumentException if a block leaves the channel range or blocks overlap
     */
    public ParticleStateAction(E3xSnGroup group, String name, int channels, int[] pointOffsets, int[] vectorOffsets) {
        this.group = group;
        this.name = name;
        this.channels = channels;
        this.pointOffsets = pointOffsets.clone();
        this.vectorOffsets = vectorOffsets.clone();
        boolean[] used = new boolean[Math.max(channels, 0)];
        for (int[] offsets : new int[][] {this.pointOffsets, this.vectorOffsets}) {
            for (int o : offsets) {
                if (o < 0 || o + 3 > channels) {
                    throw new IllegalArgumentException("block offset " + o + " does not fit in " + channels + " channels");
                }
                for (int c = o; c < o + 3; c++) {
                    if (used[c]) {
                        throw new IllegalArgumentException("channel " + c + " is in two blocks: points "
                                + Arrays.toString(pointOffsets) + ", vectors " + Arrays.toString(vectorOffsets));
                    }
                    used[c] = true;
                }
            }
        }
    }

    /** The action on n-body states [m, x, y, z, vx, vy, vz]. */
    public static ParticleStateAction nBody(E3xSnGroup group) {
        return new ParticleStateAction(group, "n-body state", NBODY_CHANNELS, new int[] {POSITION_OFFSET},
                new int[] {VELOCITY_OFFSET});
    }

    @Override
    public Group<E3xSnElement> group() {
        return group;
    }

    @Override
    public String name() {
        return name;
    }

    /** The number of channels per body. */
    public int channels() {
        return channels;
    }

    @Override
    public DoubleTensor act(E3xSnElement g, DoubleTensor x) {
        long[] shape = x.shape();
        if (shape.length != 2 || shape[1] != channels) {
            throw new IllegalArgumentException(name + " needs shape (n, " + channels + "), got " + Arrays.toString(shape));
        }
        int n = (int) shape[0];
        int[] slot = g.permutation(n);
        double[] q = g.q();
        double[] t = g.t();
        double[] in = x.data();
        double[] out = new double[in.length];
        for (int i = 0; i < n; i++) {
            int src = i * channels;
            int dst = slot[i] * channels;
            System.arraycopy(in, src, out, dst, channels);
            for (int o : pointOffsets) {
                transform(q, t, in, src + o, out, dst + o);
            }
            for (int o : vectorOffsets) {
                transform(q, null, in, src + o, out, dst + o);
            }
        }
        return new DoubleTensor(shape, out);
    }

    private static void transform(double[] q, double[] t, double[] in, int src, double[] out, int dst) {
        for (int r = 0; r < 3; r++) {
            double s = q[3 * r] * in[src] + q[3 * r + 1] * in[src + 1] + q[3 * r + 2] * in[src + 2];
            out[dst + r] = t == null ? s : s + t[r];
        }
    }

    /**
     * Array form on (B, n, C): one (B·n, C) × (C, C) product with a block matrix (Qᵀ on the point and
     * vector blocks, 1 on invariant channels), a bias row (t on point blocks) and one gather along
     * the body axis. Works and differentiates on every engine.
     */
    @Override
    public NDArray act(E3xSnElement g, NDArray x) {
        Shape shape = x.getShape();
        if (shape.dimension() != 3 || shape.get(2) != channels) {
            throw new IllegalArgumentException(name + " needs shape (B, n, " + channels + "), got " + shape);
        }
        int n = (int) shape.get(1);
        int[] slot = g.permutation(n);
        double[] q = g.q();
        double[] t = g.t();
        double[] m = new double[channels * channels];
        double[] bias = new double[channels];
        for (int c = 0; c < channels; c++) {
            m[c * channels + c] = 1;
        }
        for (int[] offsets : new int[][] {pointOffsets, vectorOffsets}) {
            for (int o : offsets) {
                for (int r = 0; r < 3; r++) {
                    m[(o + r) * channels + o + r] = 0;
                }
                // Row vectors: y = x Qᵀ, so M[o + k, o + r] = Q[r, k].
                for (int k = 0; k < 3; k++) {
                    for (int r = 0; r < 3; r++) {
                        m[(o + k) * channels + o + r] = q[3 * r + k];
                    }
                }
            }
        }
        for (int o : pointOffsets) {
            System.arraycopy(t, 0, bias, o, 3);
        }
        long[] source = new long[n];
        for (int i = 0; i < n; i++) {
            source[slot[i]] = i;
        }
        NDManager manager = x.getManager();
        DataType dtype = x.getDataType();
        try (NDArray m64 = HostArrays.of(manager, m, new Shape(channels, channels));
                NDArray mat = m64.toType(dtype, true);
                NDArray b64 = HostArrays.of(manager, bias, new Shape(channels));
                NDArray b = b64.toType(dtype, true);
                NDArray index = HostArrays.of(manager, source);
                NDArray flat = x.reshape(-1, channels);
                NDArray prod = flat.matMul(mat);
                NDArray shifted = prod.add(b);
                NDArray unpermuted = shifted.reshape(shape)) {
            return Ops.gatherRows(unpermuted, index, 1);
        }
    }
}
