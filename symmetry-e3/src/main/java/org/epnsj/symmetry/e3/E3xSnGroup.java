package org.epnsj.symmetry.e3;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.SymmetryKind;

/**
 * The group E(3) × S_n = (O(3) ⋉ R³) × S_n of rigid motions, reflections and body permutations.
 *
 * <p>Elements carry their own permutation (see {@link E3xSnElement}), so {@link #compose},
 * {@link #inverse} and {@link #identity} work for any number of bodies; {@code bodies} only fixes the
 * size of the permutations drawn by {@link #sample}. Composition is "first {@code b}, then
 * {@code a}": Q = Q_a Q_b, t = Q_a t_b + t_a, and body i goes to {@code a.slotOf(b.slotOf(i))}.
 *
 * <p>Sampling: Q is Haar-distributed on O(3) (a Haar rotation from the QR decomposition of a
 * Gaussian matrix with the sign fix diag(R) &gt; 0 and det fixed to +1, then multiplied by −I with
 * probability 1/2; −I is central and improper, so this is Haar on O(3)); each component of t is
 * uniform on [−translationScale, translationScale]; the permutation is uniform on S_bodies
 * (Fisher–Yates).
 */
public final class E3xSnGroup implements Group<E3xSnElement> {

    /** The group's id. */
    public static final String ID = "e3xsn";

    /** The default half-width of the translation cube of {@link #sample}. */
    public static final double DEFAULT_TRANSLATION_SCALE = 2.0;

    private final int bodies;
    private final double translationScale;

    /**
     * A group that samples permutations of {@code bodies} bodies and translations in
     * [−translationScale, translationScale]³.
     */
    public E3xSnGroup(int bodies, double translationScale) {
        if (bodies < 1) {
            throw new IllegalArgumentException("bodies must be >= 1, got " + bodies);
        }
        if (!(translationScale >= 0) || Double.isInfinite(translationScale)) {
            throw new IllegalArgumentException("translationScale must be finite and >= 0, got " + translationScale);
        }
        this.bodies = bodies;
        this.translationScale = translationScale;
    }

    /** A group sampling permutations of {@code bodies} bodies, translations with the default scale. */
    public E3xSnGroup(int bodies) {
        this(bodies, DEFAULT_TRANSLATION_SCALE);
    }

    /** The number of bodies whose permutations {@link #sample} draws. */
    public int bodies() {
        return bodies;
    }

    /** The half-width of the translation cube of {@link #sample}. */
    public double translationScale() {
        return translationScale;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public E3xSnElement identity() {
        return new E3xSnElement(Matrices3.identity(), new double[3], new int[0]);
    }

    @Override
    public E3xSnElement compose(E3xSnElement a, E3xSnElement b) {
        double[] qa = a.q();
        double[] q = Matrices3.multiply(qa, b.q());
        double[] t = Matrices3.apply(qa, b.t());
        double[] ta = a.t();
        for (int k = 0; k < 3; k++) {
            t[k] += ta[k];
        }
        int n = Math.max(a.permutationSupport(), b.permutationSupport());
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = a.slotOf(b.slotOf(i));
        }
        return new E3xSnElement(q, t, p);
    }

    @Override
    public E3xSnElement inverse(E3xSnElement g) {
        double[] qt = Matrices3.transpose(g.q());
        double[] t = Matrices3.apply(qt, g.t());
        for (int k = 0; k < 3; k++) {
            t[k] = -t[k];
        }
        int[] p = g.permutation();
        int[] inv = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            inv[p[i]] = i;
        }
        return new E3xSnElement(qt, t, inv);
    }

    @Override
    public E3xSnElement sample(RandomGenerator rng) {
        double[] q = haarRotation(rng);
        if (rng.nextBoolean()) {
            for (int k = 0; k < 9; k++) {
                q[k] = -q[k];
            }
        }
        double[] t = new double[3];
        for (int k = 0; k < 3; k++) {
            t[k] = translationScale * (2 * rng.nextDouble() - 1);
        }
        int[] p = new int[bodies];
        for (int i = 0; i < bodies; i++) {
            p[i] = i;
        }
        for (int i = bodies - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int s = p[i];
            p[i] = p[j];
            p[j] = s;
        }
        return new E3xSnElement(q, t, p);
    }

    /** A Haar-random rotation (det +1): Gram–Schmidt QR of a Gaussian matrix, columns signed so diag(R) &gt; 0. */
    static double[] haarRotation(RandomGenerator rng) {
        double[][] cols = new double[3][3];
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 3; r++) {
                cols[c][r] = rng.nextGaussian();
            }
        }
        // Modified Gram-Schmidt; normalising by the positive norm is the sign fix diag(R) > 0, which makes Q Haar on O(3).
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < c; p++) {
                double d = dot(cols[c], cols[p]);
                for (int r = 0; r < 3; r++) {
                    cols[c][r] -= d * cols[p][r];
                }
            }
            double norm = Math.sqrt(dot(cols[c], cols[c]));
            for (int r = 0; r < 3; r++) {
                cols[c][r] /= norm;
            }
        }
        double[] q = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                q[3 * r + c] = cols[c][r];
            }
        }
        // Flipping one column maps the det = -1 half of O(3) onto SO(3) and preserves Haar measure.
        if (Matrices3.determinant(q) < 0) {
            for (int r = 0; r < 3; r++) {
                q[3 * r + 2] = -q[3 * r + 2];
            }
        }
        return q;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    /**
     * The identity; π/2 rotations about x, y and z; a π rotation; the mirror z → −z; the inversion
     * −I; a translation; the transposition of bodies 0 and 1; a 3-cycle; and combinations of these.
     */
    @Override
    public List<E3xSnElement> testingElements() {
        List<E3xSnElement> out = new ArrayList<>();
        E3xSnElement id = identity();
        E3xSnElement rx = E3xSnElement.orthogonal(Matrices3.axisRotation(0, Math.PI / 2));
        E3xSnElement ry = E3xSnElement.orthogonal(Matrices3.axisRotation(1, Math.PI / 2));
        E3xSnElement rz = E3xSnElement.orthogonal(Matrices3.axisRotation(2, Math.PI / 2));
        E3xSnElement rzPi = E3xSnElement.orthogonal(Matrices3.axisRotation(2, Math.PI));
        E3xSnElement mirror = E3xSnElement.orthogonal(new double[] {1, 0, 0, 0, 1, 0, 0, 0, -1});
        E3xSnElement inversion = E3xSnElement.orthogonal(new double[] {-1, 0, 0, 0, -1, 0, 0, 0, -1});
        E3xSnElement shift = E3xSnElement.translation(0.5, -1.25, 2.0);
        E3xSnElement swap = E3xSnElement.permutation(1, 0);
        E3xSnElement cycle = E3xSnElement.permutation(1, 2, 0);
        E3xSnElement oblique = E3xSnElement.orthogonal(Matrices3.multiply(
                Matrices3.axisRotation(0, 0.3), Matrices3.axisRotation(2, 1.1)));
        out.add(id);
        out.add(rx);
        out.add(ry);
        out.add(rz);
        out.add(rzPi);
        out.add(mirror);
        out.add(inversion);
        out.add(shift);
        out.add(swap);
        out.add(cycle);
        out.add(oblique);
        out.add(compose(shift, rx));
        out.add(compose(swap, compose(shift, mirror)));
        out.add(compose(cycle, compose(inversion, oblique)));
        return List.copyOf(out);
    }

    /**
     * A proper Q other than I exercises {@link SymmetryKind#ROTATIONS}, an improper Q (det -1)
     * {@link SymmetryKind#PARITY}, a non-zero t {@link SymmetryKind#TRANSLATIONS} and a permutation
     * that moves a body {@link SymmetryKind#PERMUTATIONS}.
     */
    @Override
    public Set<SymmetryKind> kinds(E3xSnElement g) {
        Set<SymmetryKind> out = EnumSet.noneOf(SymmetryKind.class);
        if (g.determinant() < 0) {
            out.add(SymmetryKind.PARITY);
        } else if (!Arrays.equals(g.q(), Matrices3.identity())) {
            out.add(SymmetryKind.ROTATIONS);
        }
        if (g.t()[0] != 0 || g.t()[1] != 0 || g.t()[2] != 0) {
            out.add(SymmetryKind.TRANSLATIONS);
        }
        if (g.permutationSupport() > 0) {
            out.add(SymmetryKind.PERMUTATIONS);
        }
        return out;
    }

    /**
     * Frobenius distance of the matrices plus Euclidean distance of the translations, plus 1 if the
     * permutations differ; zero exactly when the elements are equal.
     */
    @Override
    public double distance(E3xSnElement a, E3xSnElement b) {
        double dq = 0;
        double[] qa = a.q();
        double[] qb = b.q();
        for (int k = 0; k < 9; k++) {
            dq += (qa[k] - qb[k]) * (qa[k] - qb[k]);
        }
        double dt = 0;
        double[] ta = a.t();
        double[] tb = b.t();
        for (int k = 0; k < 3; k++) {
            dt += (ta[k] - tb[k]) * (ta[k] - tb[k]);
        }
        boolean samePermutation = java.util.Arrays.equals(a.permutation(), b.permutation());
        return Math.sqrt(dq) + Math.sqrt(dt) + (samePermutation ? 0 : 1);
    }
}
