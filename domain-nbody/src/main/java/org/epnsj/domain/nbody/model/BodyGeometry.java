package org.epnsj.domain.nbody.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.epnsj.symmetry.e3.FrameAveraging;
import org.epnsj.symmetry.e3.PcaFrames;
import org.epnsj.runtime.engine.HostArrays;

/**
 * The geometric inputs of the graph networks, computed on the host from one read of a state batch:
 * the edge attributes of the fully connected body graph (spec §3.3) and, for frame averaging, the PCA
 * frames and the centred positions and velocities in every frame. All are functions of the (scaled)
 * state alone, which is data in training (inputs and targets carry no gradient), so no gradient flows
 * through them, as through the frames already; computing them here replaces about 30 engine ops per
 * edge set and 20 per framing with one upload each (per-op overhead is 2-30 µs, these arrays are tiny).
 *
 * <p>Edge attributes: distance |x_i − x_j| and relative speed |v_i − v_j| of the scaled state, each as
 * √(|Δ|² + 10⁻⁶) off the diagonal and 0 on it (the guard keeps the values the array version had).
 * The relative speed uses all three velocity components; the reference code reads only (v_y, v_z),
 * which breaks rotation invariance (spec §9.1).
 */
final class BodyGeometry {

    /** Added under the square root, as the earlier array version did to keep its gradient finite. */
    static final double ROOT_GUARD = 1e-6;

    private final NDManager manager;
    private final DataType dataType;
    private final int batch;
    private final int n;
    /** (B, n, 7), divided by {@link NBodyModel#SCALE}. */
    private final double[] scaled;

    private BodyGeometry(NDManager manager, DataType dataType, int batch, int n, double[] scaled) {
        this.manager = manager;
        this.dataType = dataType;
        this.batch = batch;
        this.n = n;
        this.scaled = scaled;
    }

    /**
     * Reads {@code state} (B, n, 7) in original units once; arrays made from it belong to its manager
     * and have its dtype.
     */
    static BodyGeometry of(NDArray state) {
        Shape s = state.getShape();
        if (s.dimension() != 3 || s.get(2) != 7) {
            throw new IllegalArgumentException("n-body states must have shape (batch, bodies, 7), got " + s);
        }
        double[] values;
        if (state.getDataType() == DataType.FLOAT64) {
            values = state.toDoubleArray();
        } else if (state.getDataType() == DataType.FLOAT32) {
            float[] f = state.toFloatArray();
            values = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                values[i] = f[i];
            }
        } else {
            throw new IllegalArgumentException("n-body states must be float32 or float64, got " + state.getDataType());
        }
        for (int i = 0; i < values.length; i++) {
            values[i] /= NBodyModel.SCALE;
        }
        return new BodyGeometry(state.getManager(), state.getDataType(), (int) s.get(0), (int) s.get(1), values);
    }

    int batch() {
        return batch;
    }

    int bodies() {
        return n;
    }

    /**
     * The edge attributes (B · copies, n, n, 2 k) of k state batches of equal shape, side by side on
     * the last axis; with {@code copies} > 1 each sample's block is repeated that many times
     * consecutively (sample-major, the layout of frame averaging's 8B batch).
     */
    static NDArray edges(int copies, BodyGeometry... states) {
        BodyGeometry first = states[0];
        int b = first.batch;
        int n = first.n;
        for (BodyGeometry g : states) {
            if (g.batch != b || g.n != n) {
                throw new IllegalArgumentException("edge attributes of batches of different shapes: (" + b + ", " + n
                        + ") and (" + g.batch + ", " + g.n + ")");
            }
        }
        int width = 2 * states.length;
        int block = n * n * width;
        double[] out = new double[b * copies * block];
        for (int s = 0; s < b; s++) {
            int base = s * copies * block;
            for (int k = 0; k < states.length; k++) {
                states[k].fillEdges(s, out, base, width, 2 * k);
            }
            for (int c = 1; c < copies; c++) {
                System.arraycopy(out, base, out, base + c * block, block);
            }
        }
        return first.upload(out, new Shape((long) b * copies, n, n, width));
    }

    /** Writes sample s's attributes into out[base + (i n + j) width + offset + {0, 1}]. */
    private void fillEdges(int s, double[] out, int base, int width, int offset) {
        int sample = s * n * 7;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int at = base + (i * n + j) * width + offset;
                if (i == j) {
                    out[at] = 0;
                    out[at + 1] = 0;
                    continue;
                }
                int a = sample + i * 7;
                int c = sample + j * 7;
                out[at] = pairNorm(scaled, a + 1, c + 1);
                out[at + 1] = pairNorm(scaled, a + 4, c + 4);
            }
        }
    }

    private static double pairNorm(double[] v, int a, int b) {
        double dx = v[a] - v[b];
        double dy = v[a + 1] - v[b + 1];
        double dz = v[a + 2] - v[b + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz + ROOT_GUARD);
    }

    /** The PCA frames of the scaled positions. */
    PcaFrames frames(FrameAveraging averaging) {
        double[] positions = new double[batch * n * 3];
        for (int i = 0; i < batch * n; i++) {
            System.arraycopy(scaled, 7 * i + 1, positions, 3 * i, 3);
        }
        return averaging.frames(positions, batch, n);
    }

    /**
     * Centred positions and velocities in all 8 frames, (8B, n, 6) sample-major: y = Fᵀ (x − c) and
     * Fᵀ v, with c the unweighted centroid of the positions.
     */
    NDArray framed(PcaFrames frames) {
        if (frames.batch() != batch) {
            throw new IllegalArgumentException("frames of " + frames.batch() + " samples for a batch of " + batch);
        }
        int count = FrameAveraging.FRAMES;
        double[] matrices = frames.matrices();
        double[] centroids = frames.centroids();
        double[] out = new double[batch * count * n * 6];
        for (int s = 0; s < batch; s++) {
            for (int o = 0; o < count; o++) {
                int f = (s * count + o) * 9;
                int row = (s * count + o) * n * 6;
                for (int i = 0; i < n; i++) {
                    int at = 7 * (s * n + i);
                    for (int col = 0; col < 3; col++) {
                        double p = 0;
                        double v = 0;
                        for (int r = 0; r < 3; r++) {
                            double m = matrices[f + 3 * r + col];
                            p += (scaled[at + 1 + r] - centroids[3 * s + r]) * m;
                            v += scaled[at + 4 + r] * m;
                        }
                        out[row + 6 * i + col] = p;
                        out[row + 6 * i + 3 + col] = v;
                    }
                }
            }
        }
        return upload(out, new Shape((long) batch * count, n, 6));
    }

    private NDArray upload(double[] values, Shape shape) {
        if (dataType == DataType.FLOAT64) {
            return HostArrays.of(manager, values, shape);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return HostArrays.of(manager, f, shape);
    }
}
