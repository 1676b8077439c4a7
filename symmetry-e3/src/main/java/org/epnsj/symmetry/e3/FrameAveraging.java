package org.epnsj.symmetry.e3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.atomic.AtomicLong;
import org.epnsj.runtime.ops.Ops;
import org.epnsj.runtime.engine.HostArrays;

/**
 * Frame averaging over PCA frames (spec §3.4, §9.6): makes any function of framed coordinates
 * O(3)-equivariant (vector outputs) or invariant (scalar outputs), and translation invariant through
 * centring. The function sees all 8 frames of a batch of B samples as one (8B, ...) tensor, ordered
 * sample-major ({@code index = 8 b + o}), so a network runs once per call.
 *
 * <p>Frames are computed on the host from detached positions (no gradient flows through the
 * eigenvectors); the transforms into and out of the frames are ordinary differentiable array ops.
 *
 * <p><b>Degeneracy policy.</b> PCA frames are defined up to the 8 signs only when the three scatter
 * eigenvalues are distinct. A sample is <em>degenerate</em> when λ₃ ≤ {@code tiny} (coincident
 * points) or when a gap λ₂ − λ₁ or λ₃ − λ₂ is below {@code tolerance · λ₃} (collinear clouds,
 * isotropic planar or spherical clouds). {@link DegeneracyPolicy#USE_ANY_BASIS} keeps the
 * eigenvectors the Jacobi solver returns for it (always orthonormal and finite; the identity for
 * coincident points): outputs stay finite, but equivariance is only approximate for that sample.
 * {@link DegeneracyPolicy#FAIL} throws instead. Either way the sample is flagged in
 * {@link PcaFrames#degenerate()} and counted by {@link #degenerateCount()}.
 */
public final class FrameAveraging {

    /** The number of frames per sample (sign choices of three axes). */
    public static final int FRAMES = 8;
    /** Default relative eigenvalue gap below which a spectrum counts as degenerate. */
    public static final double DEFAULT_TOLERANCE = 1e-6;
    /** Absolute scale below which all points count as coincident. */
    static final double TINY = 1e-300;

    /** What to do with a sample whose PCA frame is not unique. */
    public enum DegeneracyPolicy {
        /** Use the solver's orthonormal eigenvectors anyway (finite, approximately equivariant); count it. */
        USE_ANY_BASIS,
        /** Throw an {@link IllegalArgumentException} naming the sample and its eigenvalues. */
        FAIL
    }

    /** A function evaluated in every frame at once. */
    @FunctionalInterface
    public interface FrameFunction {
        /**
         * @param framedPositions (8B, n, 3) centred positions in each frame
         * @param framedVelocities (8B, n, 3) velocities in each frame, or {@code null} if none were given
         * @return (8B, n, 3k): k vector outputs per body, in frame coordinates; a new array (it is closed
         *     after mapping back)
         */
        NDArray apply(NDArray framedPositions, NDArray framedVelocities);
    }

    private final double tolerance;
    private final DegeneracyPolicy policy;
    private final AtomicLong degenerate = new AtomicLong();

    /**
     * @param tolerance relative eigenvalue gap below which a spectrum counts as degenerate, in [0, 1)
     * @param policy what to do with degenerate samples
     */
    public FrameAveraging(double tolerance, DegeneracyPolicy policy) {
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in [0, 1), got " + tolerance);
        }
        this.tolerance = tolerance;
        this.policy = java.util.Objects.requireNonNull(policy, "policy");
    }

    /** Tolerance {@link #DEFAULT_TOLERANCE}, policy {@link DegeneracyPolicy#USE_ANY_BASIS}. */
    public FrameAveraging() {
        this(DEFAULT_TOLERANCE, DegeneracyPolicy.USE_ANY_BASIS);
    }

    /** How many degenerate samples this instance has met since it was created. */
    public long degenerateCount() {
        return degenerate.get();
    }

    /**
     * The frames of a batch of point clouds.
     *
     * @param positions (B, n, 3), any float dtype; read on the host, not modified
     */
    public PcaFrames frames(NDArray positions) {
        Shape s = positions.getShape();
        if (s.dimension() != 3 || s.get(2) != 3 || s.get(1) < 1) {
            throw new IllegalArgumentException("positions must have shape (B, n, 3) with n >= 1, got " + s);
        }
        double[] host;
        if (positions.getDataType() == DataType.FLOAT64) {
            host = positions.toDoubleArray();
        } else {
            try (NDArray wide = positions.toType(DataType.FLOAT64, true)) {
                host = wide.toDoubleArray();
            }
        }
        return frames(host, (int) s.get(0), (int) s.get(1));
    }

    /**
     * The frames of a batch of point clouds given on the host.
     *
     * @param positions (B, n, 3) row-major
     */
    public PcaFrames frames(double[] positions, int batch, int n) {
        if (batch < 0 || n < 1 || positions.length != batch * n * 3) {
            throw new IllegalArgumentException("positions length " + positions.length + " does not match batch "
                    + batch + " x n " + n + " x 3");
        }
        double[] centroids = new double[3 * batch];
        double[] values = new double[3 * batch];
        double[] mats = new double[FRAMES * 9 * batch];
        boolean[] flags = new boolean[batch];
        double[] scatter = new double[9];
        double[] vectors = new double[9];
        for (int b = 0; b < batch; b++) {
            int base = b * n * 3;
            double[] c = new double[3];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 3; k++) {
                    c[k] += positions[base + 3 * i + k];
                }
            }
            for (int k = 0; k < 3; k++) {
                c[k] /= n;
                centroids[3 * b + k] = c[k];
            }
            java.util.Arrays.fill(scatter, 0);
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < 3; r++) {
                    double dr = positions[base + 3 * i + r] - c[r];
                    for (int q = 0; q < 3; q++) {
                        scatter[3 * r + q] += dr * (positions[base + 3 * i + q] - c[q]);
                    }
                }
            }
            double[] lambda = Ops.jacobiEigen3(scatter, vectors);
            System.arraycopy(lambda, 0, values, 3 * b, 3);
            double scale = lambda[2];
            boolean degenerateSample = !(scale > TINY) || lambda[1] - lambda[0] < tolerance * scale
                    || lambda[2] - lambda[1] < tolerance * scale;
            if (degenerateSample) {
                flags[b] = true;
                degenerate.incrementAndGet();
                if (policy == DegeneracyPolicy.FAIL) {
                    throw new IllegalArgumentException("sample " + b + " has a degenerate PCA spectrum "
                            + java.util.Arrays.toString(lambda) + " (relative tolerance " + tolerance + ")");
                }
            }
            for (int o = 0; o < FRAMES; o++) {
                int off = (b * FRAMES + o) * 9;
                for (int r = 0; r < 3; r++) {
                    for (int k = 0; k < 3; k++) {
                        double sign = ((o >> k) & 1) == 1 ? -1 : 1;
                        mats[off + 3 * r + k] = sign * vectors[3 * r + k];
                    }
                }
            }
        }
        return new PcaFrames(batch, centroids, values, mats, flags);
    }

    /**
     * Expresses vectors in every frame: y = Fᵀ (x − c) for points ({@code centre}) or y = Fᵀ x for free
     * vectors. The centroid is the unweighted mean over axis 1, computed with array ops.
     *
     * @param x (B, n, 3k): k 3-vectors per body
     * @return (8B, n, 3k) in the manager of {@code x}
     */
    public NDArray toFrames(NDArray x, PcaFrames frames, boolean centre) {
        Shape s = checkVectors(x, frames.batch(), "x");
        long b = s.get(0);
        long n = s.get(1);
        long k = s.get(2) / 3;
        if (centre && k != 1) {
            throw new IllegalArgumentException("only (B, n, 3) positions can be centred, got " + s);
        }
        // Intermediates are closed here; autograd keeps what it needs on the engine side.
        try (NDArray f = frameArray(x, frames); // (8B, 1, 3, 3)
                NDArray mean = centre ? x.mean(new int[] {1}, true) : null;
                NDArray centred = centre ? x.sub(mean) : null;
                NDArray v = (centre ? centred : x).reshape(b, 1, n * k, 3);
                NDArray rep = v.repeat(1, FRAMES);
                NDArray col = rep.reshape(b * FRAMES, n * k, 3, 1);
                NDArray prod = col.mul(f);
                NDArray y = prod.sum(new int[] {2})) {
            // y[.., c] = Σ_r x[.., r] F[r, c]
            return y.reshape(b * FRAMES, n, 3 * k);
        }
    }

    /**
     * Maps per-frame vector outputs back and averages them: z = (1/8) Σ_o F_o y_o.
     *
     * @param y (8B, n, 3k)
     * @return (B, n, 3k) in the manager of {@code y}
     */
    public NDArray fromFrames(NDArray y, PcaFrames frames) {
        Shape s = y.getShape();
        long b = frames.batch();
        if (s.dimension() != 3 || s.get(0) != FRAMES * b || s.get(2) % 3 != 0) {
            throw new IllegalArgumentException("y must have shape (" + FRAMES * b + ", n, 3k), got " + s);
        }
        long n = s.get(1);
        long k = s.get(2) / 3;
        try (NDArray f = frameArray(y, frames);
                NDArray rows = y.reshape(b * FRAMES, n * k, 1, 3);
                NDArray prod = rows.mul(f);
                NDArray z = prod.sum(new int[] {3});
                NDArray perFrame = z.reshape(b * FRAMES, n, 3 * k)) {
            // z[.., r] = Σ_c F[r, c] y[.., c], then the mean over the 8 frames.
            return Ops.meanOfRowGroups(perFrame, FRAMES);
        }
    }

    /**
     * Averages invariant (scalar) per-frame outputs: (8B, ...) → (B, ...), the mean of each sample's 8
     * consecutive rows ({@link Ops#meanOfRowGroups}, a product on MXNet).
     */
    public NDArray averageInvariant(NDArray y) {
        Shape s = y.getShape();
        if (s.dimension() < 1 || s.get(0) % FRAMES != 0) {
            throw new IllegalArgumentException("y must have a leading axis of 8B, got " + s);
        }
        return Ops.meanOfRowGroups(y, FRAMES);
    }

    /**
     * Frame-averages {@code f}: computes the frames of {@code positions}, runs {@code f} once on all 8B
     * framed inputs, maps its vector outputs back and averages them.
     *
     * @param positions (B, n, 3)
     * @param velocities (B, n, 3) or {@code null}; projected but not centred
     * @return (B, n, 3k), O(3)-equivariant and translation-invariant in {@code positions}
     */
    public NDArray apply(NDArray positions, NDArray velocities, FrameFunction f) {
        PcaFrames frames = frames(positions);
        try (NDArray fp = toFrames(positions, frames, true);
                NDArray fv = velocities == null ? null : toFrames(velocities, frames, false);
                NDArray out = f.apply(fp, fv)) {
            return fromFrames(out, frames);
        }
    }

    private static Shape checkVectors(NDArray x, int batch, String name) {
        Shape s = x.getShape();
        if (s.dimension() != 3 || s.get(0) != batch || s.get(2) % 3 != 0 || s.get(2) == 0) {
            throw new IllegalArgumentException(name + " must have shape (" + batch + ", n, 3k), got " + s);
        }
        return s;
    }

    /** The frames as a (8B, 1, 3, 3) array in the dtype and manager of {@code like}. */
    private static NDArray frameArray(NDArray like, PcaFrames frames) {
        try (NDArray f64 = HostArrays.of(like.getManager(), frames.matrices(),
                new Shape((long) frames.batch() * FRAMES, 1, 3, 3))) {
            return f64.toType(like.getDataType(), true);
        }
    }
}
