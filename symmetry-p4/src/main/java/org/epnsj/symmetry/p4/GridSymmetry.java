package org.epnsj.symmetry.p4;

import java.util.Arrays;

/**
 * An element of p4m x S_labels on an L x L torus: the lattice map p -> R p + t (mod L), with R one of
 * the four rotations by multiples of 90 degrees, optionally after the reflection (row, col) ->
 * (row, -col), followed by a relabelling of the cells that keeps the medium label 0 fixed.
 *
 * @param rotation quarter turns counter-clockwise, 0..3
 * @param reflected whether the reflection is applied first (p4m only)
 * @param shiftRow the row translation, 0..L-1
 * @param shiftCol the column translation, 0..L-1
 * @param labels the relabelling: label l becomes labels[l]; labels[0] = 0; an empty array is the
 *     identity on every label
 */
public record GridSymmetry(int rotation, boolean reflected, int shiftRow, int shiftCol, int[] labels) {

    /** Validates the element and normalises the rotation. */
    public GridSymmetry {
        rotation = Math.floorMod(rotation, 4);
        labels = labels.clone();
        if (labels.length > 0) {
            if (labels[0] != 0) {
                throw new IllegalArgumentException("the medium label 0 must stay fixed, got labels[0] = " + labels[0]);
            }
            boolean[] seen = new boolean[labels.length];
            for (int l : labels) {
                if (l < 0 || l >= labels.length || seen[l]) {
                    throw new IllegalArgumentException("labels is not a permutation: " + Arrays.toString(labels));
                }
                seen[l] = true;
            }
        }
    }

    /** The image of label {@code l} (labels beyond the array are fixed). */
    public int label(int l) {
        return l < labels.length ? labels[l] : l;
    }

    /** The 2x2 integer matrix of the linear part, acting on (row, col). */
    int[][] matrix() {
        // A quarter turn counter-clockwise on screen coordinates (row down, col right): (r, c) -> (-c, r).
        int[][] m = reflected ? new int[][] {{1, 0}, {0, -1}} : new int[][] {{1, 0}, {0, 1}};
        for (int k = 0; k < rotation; k++) {
            m = new int[][] {{-m[1][0], -m[1][1]}, {m[0][0], m[0][1]}};
        }
        return m;
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GridSymmetry g && g.rotation == rotation && g.reflected == reflected && g.shiftRow == shiftRow
                && g.shiftCol == shiftCol && Arrays.equals(normalised(labels), normalised(g.labels));
    }

    private static int[] normalised(int[] labels) {
        int n = labels.length;
        while (n > 0 && labels[n - 1] == n - 1) {
            n--;
        }
        return Arrays.copyOf(labels, n);
    }

    @Override
    public int hashCode() {
        return ((rotation * 2 + (reflected ? 1 : 0)) * 31 + shiftRow) * 31 + shiftCol + 17 * Arrays.hashCode(normalised(labels));
    }

    @Override
    public String toString() {
        return "GridSymmetry[rot=" + rotation + (reflected ? ", reflected" : "") + ", shift=(" + shiftRow + ", "
                + shiftCol + "), labels=" + Arrays.toString(labels) + "]";
    }
}
