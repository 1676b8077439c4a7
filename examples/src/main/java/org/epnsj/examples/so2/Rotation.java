package org.epnsj.examples.so2;

/**
 * An element of SO(2): the counter-clockwise rotation by {@code angle} radians, normalised to
 * [0, 2 pi).
 *
 * @param angle the angle in [0, 2 pi)
 */
public record Rotation(double angle) {

    private static final double TWO_PI = 2 * Math.PI;

    /** Normalises the angle. */
    public Rotation {
        if (!Double.isFinite(angle)) {
            throw new IllegalArgumentException("angle must be finite, got " + angle);
        }
        angle = angle % TWO_PI;
        if (angle < 0) {
            angle += TWO_PI;
        }
        if (angle >= TWO_PI) {
            angle = 0;
        }
    }

    /** The 2x2 rotation matrix, row-major. */
    public double[][] matrix() {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new double[][] {{c, -s}, {s, c}};
    }
}
