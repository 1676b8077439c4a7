package org.example.epns.c6;

/**
 * An element of C6: the counter-clockwise rotation of the plane by {@code k} sixths of a turn.
 *
 * @param k the number of sixth turns, 0 to 5
 */
public record Turn(int k) {

    /** The number of elements of C6. */
    public static final int ORDER = 6;

    /** Validates the field. */
    public Turn {
        if (k < 0 || k >= ORDER) {
            throw new IllegalArgumentException("k must be in 0..5, got " + k);
        }
    }

    /** The element of {@code k} sixth turns for any integer {@code k} (taken modulo 6). */
    public static Turn of(int k) {
        return new Turn(Math.floorMod(k, ORDER));
    }

    /** The 2x2 rotation matrix, row-major. */
    public double[][] matrix() {
        double angle = k * Math.PI / 3;
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new double[][] {{c, -s}, {s, c}};
    }
}
