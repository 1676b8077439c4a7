package org.epnsj.symmetry.e3;

import java.util.Arrays;

/**
 * An element of E(3) × S_n: the map that sends body {@code i} at position {@code x} to slot
 * {@code permutation[i]} at position {@code Q x + t}.
 *
 * <p>The permutation is stored in a canonical form without trailing fixed points, so one element
 * acts on any number of bodies {@code n ≥ permutation.length} (bodies beyond the array stay where
 * they are). The identity therefore has an empty permutation and acts on every n; the group is the
 * union of all S_n embedded in one another, and equality does not depend on how many trailing fixed
 * points a caller wrote.
 *
 * @param q the orthogonal matrix Q, row-major, 9 entries, det ±1 (checked to 1e-9)
 * @param t the translation, 3 entries
 * @param permutation {@code permutation[i]} is the slot body {@code i} moves to
 */
public record E3xSnElement(double[] q, double[] t, int[] permutation) {

    /** Tolerance of the orthogonality check; sampled and composed matrices are far inside it. */
    static final double ORTHOGONALITY_TOLERANCE = 1e-9;

    /** Validates Q, t and the permutation, copies the arrays and strips trailing fixed points. */
    public E3xSnElement {
        if (q == null || q.length != 9) {
            throw new IllegalArgumentException("q must have 9 entries (row-major 3x3), got "
                    + (q == null ? "null" : q.length));
        }
        if (t == null || t.length != 3) {
            throw new IllegalArgumentException("t must have 3 entries, got " + (t == null ? "null" : t.length));
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
        double err = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += q[3 * k + i] * q[3 * k + j];
                }
                err = Math.max(err, Math.abs(s - (i == j ? 1 : 0)));
            }
        }
        if (err > ORTHOGONALITY_TOLERANCE) {
            throw new IllegalArgumentException("q must be orthogonal (|QᵀQ - I| = " + err + "), got "
                    + Arrays.toString(q));
        }
        permutation = canonical(permutation);
    }

    /** A pure rotation or reflection (no translation, no permutation). */
    public static E3xSnElement orthogonal(double[] q) {
        return new E3xSnElement(q, new double[3], new int[0]);
    }

    /** A pure translation. */
    public static E3xSnElement translation(double tx, double ty, double tz) {
        return new E3xSnElement(Matrices3.identity(), new double[] {tx, ty, tz}, new int[0]);
    }

    /** A pure permutation of bodies. */
    public static E3xSnElement permutation(int... permutation) {
        return new E3xSnElement(Matrices3.identity(), new double[3], permutation);
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
        return q[3 * row + col];
    }

    /** The determinant of Q: +1 for rotations, -1 for improper elements. */
    public double determinant() {
        return Matrices3.determinant(q);
    }

    /** Where body {@code i} goes, for any {@code i ≥ 0}. */
    public int slotOf(int i) {
        return i < permutation.length ? permutation[i] : i;
    }

    /** The permutation written out for {@code n} bodies. */
    public int[] permutation(int n) {
        if (n < permutation.length) {
            throw new IllegalArgumentException("element permutes " + permutation.length
                    + " bodies, cannot act on n = " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = slotOf(i);
        }
        return p;
    }

    /** The number of leading bodies the permutation moves or may move (canonical length). */
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
        return o instanceof E3xSnElement e && Arrays.equals(q, e.q) && Arrays.equals(t, e.t)
                && Arrays.equals(permutation, e.permutation);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(q) + Arrays.hashCode(t)) + Arrays.hashCode(permutation);
    }

    @Override
    public String toString() {
        return "E3xSnElement[q=" + Arrays.toString(q) + ", t=" + Arrays.toString(t) + ", permutation="
                + Arrays.toString(permutation) + "]";
    }
}
