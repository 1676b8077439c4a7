package org.epnsj.symmetry.e3;

/** Small row-major 3×3 helpers on double arrays. */
final class Matrices3 {

    private Matrices3() {
    }

    static double[] identity() {
        return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
    }

    static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += a[3 * i + k] * b[3 * k + j];
                }
                c[3 * i + j] = s;
            }
        }
        return c;
    }

    static double[] transpose(double[] a) {
        return new double[] {a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]};
    }

    static double[] apply(double[] a, double[] v) {
        return new double[] {
            a[0] * v[0] + a[1] * v[1] + a[2] * v[2],
            a[3] * v[0] + a[4] * v[1] + a[5] * v[2],
            a[6] * v[0] + a[7] * v[1] + a[8] * v[2]};
    }

    static double determinant(double[] a) {
        return a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6])
                + a[2] * (a[3] * a[7] - a[4] * a[6]);
    }

    /** The rotation by {@code angle} about coordinate axis {@code axis} (0 = x, 1 = y, 2 = z), right-handed. */
    static double[] axisRotation(int axis, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        // Exact zeros and ones for multiples of pi/2, so testing elements are exact signed permutations.
        if (Math.abs(c) < 1e-15) {
            c = 0;
        }
        if (Math.abs(s) < 1e-15) {
            s = 0;
        }
        return switch (axis) {
            case 0 -> new double[] {1, 0, 0, 0, c, -s, 0, s, c};
            case 1 -> new double[] {c, 0, s, 0, 1, 0, -s, 0, c};
            case 2 -> new double[] {c, -s, 0, s, c, 0, 0, 0, 1};
            default -> throw new IllegalArgumentException("axis must be 0, 1 or 2, got " + axis);
        };
    }
}
