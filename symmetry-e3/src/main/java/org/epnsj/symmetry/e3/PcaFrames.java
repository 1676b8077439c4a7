package org.epnsj.symmetry.e3;

import java.util.Arrays;

/**
 * The 8 PCA frames of each point cloud of a batch, computed on the host in float64.
 *
 * <p>Frame {@code o} of sample {@code b} is F = V · diag(s), with V the eigenvectors (columns,
 * ascending eigenvalues) of the scatter matrix Σ_i (x_i − c)(x_i − c)ᵀ around the unweighted centroid
 * c, and s_k = −1 when bit k of {@code o} is set, else +1 (all 8 sign choices, half of them improper).
 *
 * @param batch the number of samples B
 * @param centroids the centroids, (B, 3)
 * @param eigenvalues the scatter eigenvalues, (B, 3), ascending
 * @param matrices the frames, (B, 8, 3, 3) row-major, sample-major then frame
 * @param degenerate per sample, whether the spectrum was (near-)degenerate (see {@link FrameAveraging})
 */
public record PcaFrames(int batch, double[] centroids, double[] eigenvalues, double[] matrices, boolean[] degenerate) {

    /** Checks the array lengths and copies them. */
    public PcaFrames {
        if (batch < 0) {
            throw new IllegalArgumentException("batch must be >= 0, got " + batch);
        }
        if (centroids.length != 3 * batch || eigenvalues.length != 3 * batch
                || matrices.length != FrameAveraging.FRAMES * 9 * batch || degenerate.length != batch) {
            throw new IllegalArgumentException("array lengths do not match batch " + batch + ": centroids "
                    + centroids.length + ", eigenvalues " + eigenvalues.length + ", matrices " + matrices.length
                    + ", degenerate " + degenerate.length);
        }
        centroids = centroids.clone();
        eigenvalues = eigenvalues.clone();
        matrices = matrices.clone();
        degenerate = degenerate.clone();
    }

    @Override
    public double[] centroids() {
        return centroids.clone();
    }

    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    @Override
    public double[] matrices() {
        return matrices.clone();
    }

    @Override
    public boolean[] degenerate() {
        return degenerate.clone();
    }

    /** The number of samples whose spectrum was degenerate. */
    public int degenerateCount() {
        int c = 0;
        for (boolean d : degenerate) {
            c += d ? 1 : 0;
        }
        return c;
    }

    /** Frame {@code o} of sample {@code b}, row-major 3×3. */
    public double[] frame(int b, int o) {
        int off = (b * FrameAveraging.FRAMES + o) * 9;
        return Arrays.copyOfRange(matrices, off, off + 9);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PcaFrames p && batch == p.batch && Arrays.equals(centroids, p.centroids)
                && Arrays.equals(eigenvalues, p.eigenvalues) && Arrays.equals(matrices, p.matrices)
                && Arrays.equals(degenerate, p.degenerate);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(matrices) * 31 + batch;
    }

    @Override
    public String toString() {
        return "PcaFrames[batch=" + batch + ", degenerate=" + degenerateCount() + "]";
    }
}
