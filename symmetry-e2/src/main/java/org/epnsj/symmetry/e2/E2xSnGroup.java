package org.epnsj.symmetry.e2;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.SymmetryKind;

/**
 * The group E(2) × S_n = (O(2) ⋉ R²) × S_n of planar rigid motions, reflections and particle
 * permutations.
 *
 * <p>Elements carry their own permutation (see {@link E2xSnElement}), so {@link #compose},
 * {@link #inverse} and {@link #identity} work for any number of particles; {@code particles} only
 * fixes the size of the permutations drawn by {@link #sample}. Composition is "first {@code b}, then
 * {@code a}": Q = Q_a Q_b, t = Q_a t_b + t_a, and particle i goes to {@code a.slotOf(b.slotOf(i))}.
 *
 * <p>Sampling draws, in this order: an angle θ uniform on [0, 2π) (one {@code nextDouble}); a
 * reflection with probability 1/2 (one {@code nextBoolean}), Q = R(θ) or R(θ) diag(1, −1) — the
 * rotations and the reflections are each a circle swept uniformly by θ, so Q is Haar on O(2); each
 * component of t uniform on [−translationScale, translationScale], as the E(3) group; and a uniform
 * permutation of {@code particles} (Fisher–Yates).
 */
public final class E2xSnGroup implements Group<E2xSnElement> {

    /** The group's id. */
    public static final String ID = "e2xsn";

    /** The default half-width of the translation square of {@link #sample}. */
    public static final double DEFAULT_TRANSLATION_SCALE = 2.0;

    private final int particles;
    private final double translationScale;

    /**
     * A group that samples permutations of {@code particles} particles and translations in
     * [−translationScale, translationScale]².
     */
    public E2xSnGroup(int particles, double translationScale) {
        if (particles < 1) {
            throw new IllegalArgumentException("particles must be >= 1, got " + particles);
        }
        if (!(translationScale >= 0) || Double.isInfinite(translationScale)) {
            throw new IllegalArgumentException("translationScale must be finite and >= 0, got " + translationScale);
        }
        this.particles = particles;
        this.translationScale = translationScale;
    }

    /** A group sampling permutations of {@code particles} particles, translations with the default scale. */
    public E2xSnGroup(int particles) {
        this(particles, DEFAULT_TRANSLATION_SCALE);
    }

    /** The number of particles whose permutations {@link #sample} draws. */
    public int particles() {
        return particles;
    }

    /** The half-width of the translation square of {@link #sample}. */
    public double translationScale() {
        return translationScale;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public E2xSnElement identity() {
        return new E2xSnElement(E2xSnElement.identityMatrix(), new double[2], new int[0]);
    }

    @Override
    public E2xSnElement compose(E2xSnElement a, E2xSnElement b) {
        double[] qa = a.q();
        double[] qb = b.q();
        double[] q = {
            qa[0] * qb[0] + qa[1] * qb[2], qa[0] * qb[1] + qa[1] * qb[3],
            qa[2] * qb[0] + qa[3] * qb[2], qa[2] * qb[1] + qa[3] * qb[3]};
        double[] tb = b.t();
        double[] ta = a.t();
        double[] t = {qa[0] * tb[0] + qa[1] * tb[1] + ta[0], qa[2] * tb[0] + qa[3] * tb[1] + ta[1]};
        int n = Math.max(a.permutationSupport(), b.permutationSupport());
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = a.slotOf(b.slotOf(i));
        }
        return new E2xSnElement(q, t, p);
    }

    @Override
    public E2xSnElement inverse(E2xSnElement g) {
        double[] q = g.q();
        double[] qt = {q[0], q[2], q[1], q[3]};
        double[] t = g.t();
        double[] ti = {-(qt[0] * t[0] + qt[1] * t[1]), -(qt[2] * t[0] + qt[3] * t[1])};
        int[] p = g.permutation();
        int[] inv = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            inv[p[i]] = i;
        }
        return new E2xSnElement(qt, ti, inv);
    }

    @Override
    public E2xSnElement sample(RandomGenerator rng) {
        double theta = 2 * Math.PI * rng.nextDouble();
        double[] q = E2xSnElement.rotationMatrix(theta);
        if (rng.nextBoolean()) {
            // R(θ) diag(1, -1): the second column changes sign.
            q[1] = -q[1];
            q[3] = -q[3];
        }
        double[] t = new double[2];
        for (int k = 0; k < 2; k++) {
            t[k] = translationScale * (2 * rng.nextDouble() - 1);
        }
        int[] p = new int[particles];
        for (int i = 0; i < particles; i++) {
            p[i] = i;
        }
        for (int i = particles - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int s = p[i];
            p[i] = p[j];
            p[j] = s;
        }
        return new E2xSnElement(q, t, p);
    }

    /**
     * The identity; the quarter turn (a generator of order 4, so not an involution) and the half turn
     * with exact matrices; an oblique rotation; the mirrors x → −x and across the diagonal, and an
     * oblique mirror; a translation; the transposition of particles 0 and 1; a 3-cycle; and
     * combinations of these.
     */
    @Override
    public List<E2xSnElement> testingElements() {
        E2xSnElement quarter = E2xSnElement.orthogonal(new double[] {0, -1, 1, 0});
        E2xSnElement half = E2xSnElement.orthogonal(new double[] {-1, 0, 0, -1});
        E2xSnElement oblique = E2xSnElement.rotation(1.1);
        E2xSnElement mirrorX = E2xSnElement.orthogonal(new double[] {-1, 0, 0, 1});
        E2xSnElement mirrorDiagonal = E2xSnElement.orthogonal(new double[] {0, 1, 1, 0});
        E2xSnElement mirrorOblique = E2xSnElement.reflection(0.3);
        E2xSnElement shift = E2xSnElement.translation(0.5, -1.25);
        E2xSnElement swap = E2xSnElement.permutation(1, 0);
        E2xSnElement cycle = E2xSnElement.permutation(1, 2, 0);
        List<E2xSnElement> out = new ArrayList<>(List.of(identity(), quarter, half, oblique, mirrorX, mirrorDiagonal,
                mirrorOblique, shift, swap, cycle));
        out.add(compose(shift, quarter));
        out.add(compose(swap, compose(shift, mirrorX)));
        out.add(compose(cycle, compose(mirrorDiagonal, oblique)));
        return List.copyOf(out);
    }

    /**
     * A proper Q other than I exercises {@link SymmetryKind#ROTATIONS}, a reflection (det -1)
     * {@link SymmetryKind#PARITY}, a non-zero t {@link SymmetryKind#TRANSLATIONS} and a permutation
     * that moves a particle {@link SymmetryKind#PERMUTATIONS}.
     */
    @Override
    public Set<SymmetryKind> kinds(E2xSnElement g) {
        Set<SymmetryKind> out = EnumSet.noneOf(SymmetryKind.class);
        if (g.determinant() < 0) {
            out.add(SymmetryKind.PARITY);
        } else if (!g.hasIdentityMatrix()) {
            out.add(SymmetryKind.ROTATIONS);
        }
        double[] t = g.t();
        if (t[0] != 0 || t[1] != 0) {
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
    public double distance(E2xSnElement a, E2xSnElement b) {
        double[] qa = a.q();
        double[] qb = b.q();
        double dq = 0;
        for (int k = 0; k < 4; k++) {
            dq += (qa[k] - qb[k]) * (qa[k] - qb[k]);
        }
        double[] ta = a.t();
        double[] tb = b.t();
        double dt = Math.hypot(ta[0] - tb[0], ta[1] - tb[1]);
        boolean samePermutation = java.util.Arrays.equals(a.permutation(), b.permutation());
        return Math.sqrt(dq) + dt + (samePermutation ? 0 : 1);
    }
}
