package org.epnsj.symmetry.p4;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.SymmetryKind;

/**
 * p4 (or p4m) x S_labels on an L x L torus: quarter turns (and reflections), translations modulo L,
 * and relabellings of the cells 1..labels that keep the medium label 0 fixed. Every element maps
 * lattice sites to lattice sites, so its action on a grid is an exact index permutation.
 */
public final class P4Group implements Group<GridSymmetry> {

    private final int size;
    private final int labels;
    private final boolean reflections;

    /**
     * Creates the group.
     *
     * @param size the lattice side L, >= 1
     * @param labels the number of cell labels besides the medium (labels 1..labels are permuted)
     * @param reflections whether reflections are included (p4m) or not (p4)
     */
    public P4Group(int size, int labels, boolean reflections) {
        if (size < 1) {
            throw new IllegalArgumentException("lattice size must be >= 1, got " + size);
        }
        if (labels < 0) {
            throw new IllegalArgumentException("labels must be >= 0, got " + labels);
        }
        this.size = size;
        this.labels = labels;
        this.reflections = reflections;
    }

    /** The lattice side L. */
    public int size() {
        return size;
    }

    /** The number of permuted cell labels. */
    public int labels() {
        return labels;
    }

    /** Whether reflections are included. */
    public boolean reflections() {
        return reflections;
    }

    @Override
    public String id() {
        return reflections ? "p4m" : "p4";
    }

    @Override
    public GridSymmetry identity() {
        return new GridSymmetry(0, false, 0, 0, new int[0]);
    }

    @Override
    public GridSymmetry compose(GridSymmetry a, GridSymmetry b) {
        int[][] ma = a.matrix();
        int[][] mb = b.matrix();
        int[][] m = new int[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                m[i][j] = ma[i][0] * mb[0][j] + ma[i][1] * mb[1][j];
            }
        }
        int tr = ma[0][0] * b.shiftRow() + ma[0][1] * b.shiftCol() + a.shiftRow();
        int tc = ma[1][0] * b.shiftRow() + ma[1][1] * b.shiftCol() + a.shiftCol();
        int n = Math.max(Math.max(a.labels().length, b.labels().length), 1);
        int[] perm = new int[n];
        for (int l = 0; l < n; l++) {
            perm[l] = a.label(b.label(l));
        }
        return fromMatrix(m, tr, tc, perm);
    }

    private GridSymmetry fromMatrix(int[][] m, int tr, int tc, int[] perm) {
        for (int rot = 0; rot < 4; rot++) {
            for (boolean refl : new boolean[] {false, true}) {
                GridSymmetry candidate = new GridSymmetry(rot, refl, 0, 0, new int[0]);
                int[][] c = candidate.matrix();
                if (c[0][0] == m[0][0] && c[0][1] == m[0][1] && c[1][0] == m[1][0] && c[1][1] == m[1][1]) {
                    return new GridSymmetry(rot, refl, Math.floorMod(tr, size), Math.floorMod(tc, size), perm);
                }
            }
        }
        throw new IllegalStateException("not a lattice symmetry matrix");
    }

    @Override
    public GridSymmetry inverse(GridSymmetry g) {
        int[][] m = g.matrix();
        // Orthogonal integer matrix: the inverse is the transpose.
        int[][] inv = {{m[0][0], m[1][0]}, {m[0][1], m[1][1]}};
        int tr = -(inv[0][0] * g.shiftRow() + inv[0][1] * g.shiftCol());
        int tc = -(inv[1][0] * g.shiftRow() + inv[1][1] * g.shiftCol());
        int[] p = g.labels();
        int[] pinv = new int[p.length];
        for (int l = 0; l < p.length; l++) {
            pinv[p[l]] = l;
        }
        return fromMatrix(inv, tr, tc, pinv);
    }

    @Override
    public GridSymmetry sample(RandomGenerator rng) {
        int[] perm = new int[labels + 1];
        for (int l = 0; l <= labels; l++) {
            perm[l] = l;
        }
        for (int l = labels; l > 1; l--) {
            int j = 1 + rng.nextInt(l);
            int tmp = perm[l];
            perm[l] = perm[j];
            perm[j] = tmp;
        }
        return new GridSymmetry(rng.nextInt(4), reflections && rng.nextBoolean(), rng.nextInt(size), rng.nextInt(size),
                perm);
    }

    @Override
    public List<GridSymmetry> testingElements() {
        List<GridSymmetry> out = new ArrayList<>();
        out.add(identity());
        out.add(new GridSymmetry(1, false, 0, 0, new int[0]));
        out.add(new GridSymmetry(2, false, 0, 0, new int[0]));
        out.add(new GridSymmetry(0, false, 1, 0, new int[0]));
        out.add(new GridSymmetry(0, false, 0, 1, new int[0]));
        out.add(new GridSymmetry(0, false, size - 1, size - 1, new int[0]));
        if (labels >= 2) {
            int[] swap = new int[labels + 1];
            for (int l = 0; l <= labels; l++) {
                swap[l] = l;
            }
            swap[1] = 2;
            swap[2] = 1;
            out.add(new GridSymmetry(0, false, 0, 0, swap));
            out.add(new GridSymmetry(3, false, Math.min(2, size - 1), Math.min(3, size - 1), swap));
        }
        if (reflections) {
            out.add(new GridSymmetry(0, true, 0, 0, new int[0]));
            out.add(new GridSymmetry(1, true, 1, 0, new int[0]));
        }
        return out;
    }

    /**
     * A quarter turn exercises {@link SymmetryKind#ROTATIONS}, a reflection {@link SymmetryKind#PARITY},
     * a shift {@link SymmetryKind#TRANSLATIONS} and a relabelling that moves a label
     * {@link SymmetryKind#PERMUTATIONS}.
     */
    @Override
    public Set<SymmetryKind> kinds(GridSymmetry g) {
        Set<SymmetryKind> out = EnumSet.noneOf(SymmetryKind.class);
        if (g.rotation() != 0) {
            out.add(SymmetryKind.ROTATIONS);
        }
        if (g.reflected()) {
            out.add(SymmetryKind.PARITY);
        }
        if (g.shiftRow() != 0 || g.shiftCol() != 0) {
            out.add(SymmetryKind.TRANSLATIONS);
        }
        for (int l = 0; l <= labels; l++) {
            if (g.label(l) != l) {
                out.add(SymmetryKind.PERMUTATIONS);
                break;
            }
        }
        return out;
    }

    @Override
    public double distance(GridSymmetry a, GridSymmetry b) {
        return a.equals(b) ? 0 : 1;
    }

    @Override
    public OptionalLong order() {
        long n = (reflections ? 8L : 4L) * size * size;
        for (int l = 2; l <= labels; l++) {
            if (n > Long.MAX_VALUE / l) {
                return OptionalLong.empty();
            }
            n *= l;
        }
        return OptionalLong.of(n);
    }

    /** Every element, for groups of at most 100,000 elements (small lattices, few labels). */
    @Override
    public List<GridSymmetry> elements() {
        long n = order().orElse(Long.MAX_VALUE);
        if (n > 100_000) {
            throw new UnsupportedOperationException("group " + id() + " on a " + size + "x" + size + " torus with "
                    + labels + " labels has " + (n == Long.MAX_VALUE ? "too many" : n) + " elements to list");
        }
        List<int[]> perms = new ArrayList<>();
        permutations(new int[labels + 1], 1, new boolean[labels + 1], perms);
        List<GridSymmetry> out = new ArrayList<>();
        for (int rot = 0; rot < 4; rot++) {
            for (boolean refl : reflections ? new boolean[] {false, true} : new boolean[] {false}) {
                for (int r = 0; r < size; r++) {
                    for (int c = 0; c < size; c++) {
                        for (int[] p : perms) {
                            out.add(new GridSymmetry(rot, refl, r, c, p));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void permutations(int[] current, int position, boolean[] used, List<int[]> out) {
        if (position == current.length) {
            out.add(current.clone());
            return;
        }
        for (int l = 1; l < current.length; l++) {
            if (!used[l]) {
                used[l] = true;
                current[position] = l;
                permutations(current, position + 1, used, out);
                used[l] = false;
            }
        }
    }
}
