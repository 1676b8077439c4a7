package org.epnsj.symmetry.e2;

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
 * The exact action of E(2) × S_n on planar particle states of shape (n, C) (reference form) and
 * (B, n, C) (array form): particles are permuted, each 2-channel <em>point</em> block (positions)
 * becomes Q x + t, each 2-channel <em>vector</em> block (velocities, displacements) becomes Q v, and
 * every other channel is invariant.
 */
public final class PlanarParticleAction implements GroupAction<E2xSnElement> {

    /** First position channel of a state [x, y, vx, vy]. */
    public static final int POSITION_OFFSET = 0;
    /** First velocity channel of a state [x, y, vx, vy]. */
    public static final int VELOCITY_OFFSET = 2;
    /** Channels of a state [x, y, vx, vy]. */
    public static final int POSITION_VELOCITY_CHANNELS = 4;

    private final E2xSnGroup group;
    private final String name;
    private final int channels;
    private final int[] pointOffsets;
    private final int[] vectorOffsets;

    /**
     * An action on states with {@code channels} channels per particle.
     *
     * @param pointOffsets first channels of the 2-channel blocks that transform as points
     * @param vectorOffsets first channels of the 2-channel blocks that transform as free vectors
     * @throws IllegalArgumentException if a block leaves the channel range or blocks overlap
     */
    public PlanarParticleAction(E2xSnGroup group, String name, int channels, int[] pointOffsets, int[] vectorOffsets) {
        if (group == null) {
            throw new IllegalArgumentException("group must not be null");
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        this.group = group;
        this.name = name;
        this.channels = channels;
        this.pointOffsets = pointOffsets.clone();
        this.vectorOffsets = vectorOffsets.clone();
        boolean[] used = new boolean[channels];
        for (int[] offsets : new int[][] {this.pointOffsets, this.vectorOffsets}) {
            for (int o : offsets) {
                if (o < 0 || o + 2 > channels) {
                    throw new IllegalArgumentException("block offset " + o + " does not fit in " + channels + " channels");
                }
                for (int c = o; c < o + 2; c++) {
                    if (used[c]) {
                        throw new IllegalArgumentException("channel " + c + " is in two blocks: points "
                                + Arrays.toString(pointOffsets) + ", vectors " + Arrays.toString(vectorOffsets));
                    }
                    used[c] = true;
                }
            }
        }
    }

    /** The action on states [x, y, vx, vy]: a position (point) and a velocity (vector) per particle. */
    public static PlanarParticleAction positionsAndVelocities(E2xSnGroup group, String name) {
        return new PlanarParticleAction(group, name, POSITION_VELOCITY_CHANNELS, new int[] {POSITION_OFFSET},
                new int[] {VELOCITY_OFFSET});
    }

    @Override
    public Group<E2xSnElement> group() {
        return group;
    }

    @Override
    public String name() {
        return name;
    }

    /** The number of channels per particle. */
    public int channels() {
        return channels;
    }

    @Override
    public DoubleTensor act(E2xSnElement g, DoubleTensor x) {
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
        for (int r = 0; r < 2; r++) {
            double s = q[2 * r] * in[src] + q[2 * r + 1] * in[src + 1];
            out[dst + r] = t == null ? s : s + t[r];
        }
    }

    /**
     * Array form on (B, n, C): one (B·n, C) × (C, C) product with a block matrix (Qᵀ on the point and
     * vector blocks, 1 on invariant channels), a bias row (t on point blocks) and one gather along
     * the particle axis. Works and differentiates on every engine.
     */
    @Override
    public NDArray act(E2xSnElement g, NDArray x) {
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
                // Row vectors: y = x Qᵀ, so M[o + k, o + r] = Q[r, k].
                for (int k = 0; k < 2; k++) {
                    for (int r = 0; r < 2; r++) {
                        m[(o + k) * channels + o + r] = q[2 * r + k];
                    }
                }
            }
        }
        for (int o : pointOffsets) {
            System.arraycopy(t, 0, bias, o, 2);
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
