package org.epnsj.symmetry.e2;

import java.util.Arrays;

/**
 * An element of E(2) × S_n: the map that sends particle {@code i} at position {@code x} to slot
 * {@code permutation[i]} at position {@code Q x + t}.
 *
 * <p>As in E(3) × S_n, the permutation is kept without trailing fixed points, so one element acts on
 * any number of particles {@code n ≥ permutation.length} and equality does not depend on how many
 * fixed points a caller wrote.
 *
 * @param q the orthogonal 2 × 2 matrix Q, row-major, 4 entries, det ±1 (checked to 1e-9)
 * @param t the translation, 2 entries
 * @param permutation {@code permutation[i]} is the slot particle {@code i} moves to
 */
public record E2xSnElement(double[] q, double[] t, int[] permutation) {

    /** Tolerance of the orthogonality check; sampled and composed matrices are far inside it. */
    static final double ORTHOGONALITY_TOLERANCE = 1e-9;

    private static final double[] IDENTITY = {1, 0, 0, 1};

    /** Validates Q, t and the permutation, copies the arrays and strips trailing fixed points. */
    public E2xSnElement {
        if (q == null || q.length != 4) {
            throw new IllegalArgumentException("q must have 4 entries (row-major 2x2), got "
                    + (q == null ? "null" : q.length));
        }
        if (t == null || t.length != 2) {
            throw new IllegalArgumentException("t must have 2 entries, got " + (t == null ? "null" : t.length));
        }
        q = q.clone();
        t = t.clone();
        for (double v : q) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("q must be finite, got " + Arrays.toString(q));
            }
        }
        for (double v : t) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("t must be finite, got " + Arrays.toString(t));
            }
        }
        // QᵀQ = I entry by entry.
        double a = q[0] * q[0] + q[2] * q[2] - 1;
        double b = q[1] * q[1] + q[3] * q[3] - 1;
        double c = q[0] * q[1] + q[2] * q[3];
        double err = Math.max(Math.abs(a), Math.max(Math.abs(b), Math.abs(c)));
        if (err > ORTHOGONALITY_TOLERANCE) {
            throw new IllegalArgumentException("q must be orthogonal (|QᵀQ - I| = " + err + "), got "
                    + Arrays.toString(q));
        }
        permutation = canonical(permutation);
    }

    /** The rotation by {@code angle} radians counter-clockwise. */
    public static E2xSnElement rotation(double angle) {
        return new E2xSnElement(rotationMatrix(angle), new double[2], new int[0]);
    }

    /** The reflection across the line through the origin at {@code axisAngle} radians from the x axis. */
    public static E2xSnElement reflection(double axisAngle) {
        double c = Math.cos(2 * axisAngle);
        double s = Math.sin(2 * axisAngle);
        return new E2xSnElement(new double[] {c, s, s, -c}, new double[2], new int[0]);
    }

    /** A pure orthogonal map (no translation, no permutation). */
    public static E2xSnElement orthogonal(double[] q) {
        return new E2xSnElement(q, new double[2], new int[0]);
    }

    /** A pure translation. */
    public static E2xSnElement translation(double tx, double ty) {
        return new E2xSnElement(IDENTITY, new double[] {tx, ty}, new int[0]);
    }

    /** A pure permutation of particles. */
    public static E2xSnElement permutation(int... permutation) {
        return new E2xSnElement(IDENTITY, new double[2], permutation);
    }

    /** The row-major matrix of the rotation by {@code angle}. */
    static double[] rotationMatrix(double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new double[] {c, -s, s, c};
    }

    /** The identity matrix, row-major. */
    static double[] identityMatrix() {
        return IDENTITY.clone();
    }

    /** Q as a new row-major array. */
    @Override
    public double[] q() {
        return q.clone();
    }

    /** t as a new array. */
    @Override
    public double[] t() {
        return t.clone();
    }

    /** The canonical permutation (no trailing fixed points) as a new array. */
    @Override
    public int[] permutation() {
        return permutation.clone();
    }

    /** Q[row][col]. */
    public double q(int row, int col) {
        return q[2 * row + col];
    }

    /** The determinant of Q: +1 for rotations, -1 for reflections. */
    public double determinant() {
        return q[0] * q[3] - q[1] * q[2];
    }

    /** Whether Q is the identity matrix exactly. */
    boolean hasIdentityMatrix() {
        return Arrays.equals(q, IDENTITY);
    }

    /** Where particle {@code i} goes, for any {@code i ≥ 0}. */
    public int slotOf(int i) {
        return i < permutation.length ? permutation[i] : i;
    }

    /** The permutation written out for {@code n} particles. */
    public int[] permutation(int n) {
        if (n < permutation.length) {
            throw new IllegalArgumentException("element permutes " + permutation.length
                    + " particles, cannot act on n = " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = slotOf(i);
        }
        return p;
    }

    /** The number of leading particles the permutation moves or may move (canonical length). */
    public int permutationSupport() {
        return permutation.length;
    }

    private static int[] canonical(int[] p) {
        if (p == null) {
            throw new IllegalArgumentException("permutation must not be null");
        }
        boolean[] seen = new boolean[p.length];
        for (int v : p) {
            if (v < 0 || v >= p.length || seen[v]) {
                throw new IllegalArgumentException("permutation must be a permutation of 0.." + (p.length - 1)
                        + ", got " + Arrays.toString(p));
            }
            seen[v] = true;
        }
        int len = p.length;
        while (len > 0 && p[len - 1] == len - 1) {
            len--;
        }
        return Arrays.copyOf(p, len);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof E2xSnElement e && Arrays.equals(q, e.q) && Arrays.equals(t, e.t)
                && Arrays.equals(permutation, e.permutation);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(q) + Arrays.hashCode(t)) + Arrays.hashCode(permutation);
    }

    @Override
    public String toString() {
        return "E2xSnElement[q=" + Arrays.toString(q) + ", t=" + Arrays.toString(t) + ", permutation="
                + Arrays.toString(permutation) + "]";
    }
}
