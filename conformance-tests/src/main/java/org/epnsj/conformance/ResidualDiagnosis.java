package org.epnsj.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.GroupAction;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealVector;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Recognises the shape of an equivariance error from its residuals {@code r = f(g·x) - g·f(x)}, one
 * per element and input, so that a failure says what is wrong instead of repeating the rule's general
 * hint. In order:
 *
 * <ul>
 *   <li>the output does not move at all ({@code f(g·x) = f(x)});
 *   <li>it moves by {@code g^-1} ({@code f(g·x) = g^-1·f(x)}: a right action);
 *   <li>a constant offset: r is the same for every input, as a term b that ignores g gives
 *       ({@code r = b - g·b}); b is fitted by least squares over the elements tried;
 *   <li>a frame-dependent offset: r has the same length for every input but another direction, as a
 *       term added in a frame built from the input that does not follow g gives.
 * </ul>
 *
 * Equality is judged with the rule's tolerance on the kit's scale ({@code max(1, max|g·f(x)|)}). With
 * fewer than two inputs per element, only the first two shapes can be recognised.
 *
 * @param <E> the element type
 */
final class ResidualDiagnosis<E> {

    /** The largest output (entries) for which the offset b is fitted; larger ones report r itself. */
    static final int MAX_FIT_ENTRIES = 256;

    /**
     * What was found and what to look at.
     *
     * @param found the shape of the error, with its size
     * @param hint what in the code gives that shape
     */
    record Finding(String found, String hint) {}

    private record Trial(DoubleTensor actual, DoubleTensor base, DoubleTensor expected) {}

    private final GroupAction<E> action;
    private final String component;
    private final double tolerance;
    private final Map<E, List<Trial>> trials = new LinkedHashMap<>();
    /** Set by {@link #fitOffset}: a note when the elements tried leave part of the offset unseen. */
    private String partly = "";

    /**
     * @param action how the group acts on the output
     * @param component what the output is, for the message (e.g. {@code the decoder mean})
     * @param tolerance the rule's tolerance on the kit's scaled error
     */
    ResidualDiagnosis(GroupAction<E> action, String component, double tolerance) {
        this.action = action;
        this.component = component;
        this.tolerance = tolerance;
    }

    /** Records one trial: {@code actual = f(g·x)}, {@code base = f(x)}, {@code expected = g·f(x)}. */
    void add(E g, DoubleTensor actual, DoubleTensor base, DoubleTensor expected) {
        trials.computeIfAbsent(g, k -> new ArrayList<>()).add(new Trial(actual, base, expected));
    }

    /** The shape of the error, when one of the known shapes fits every failing element. */
    Optional<Finding> diagnose() {
        Map<E, List<Trial>> failing = new LinkedHashMap<>();
        for (Map.Entry<E, List<Trial>> e : trials.entrySet()) {
            for (Trial t : e.getValue()) {
                if (!Arrays.equals(t.actual().shape(), t.expected().shape())) {
                    return Optional.empty();
                }
                if (!(Tensors.scaledError(t.actual(), t.expected()) <= tolerance)) {
                    failing.put(e.getKey(), e.getValue());
                    break;
                }
            }
        }
        if (failing.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(unmoved(failing)).or(() -> Optional.ofNullable(inverse(failing)))
                    .or(() -> Optional.ofNullable(constantOffset(failing)))
                    .or(() -> Optional.ofNullable(frameOffset(failing)));
        } catch (RuntimeException e) {
            // An action that cannot act on the arrays the diagnosis builds (e.g. label ids): no finding.
            return Optional.empty();
        }
    }

    private Finding unmoved(Map<E, List<Trial>> failing) {
        for (List<Trial> ts : failing.values()) {
            for (Trial t : ts) {
                if (!(Tensors.scaledError(t.actual(), t.base()) <= tolerance)) {
                    return null;
                }
            }
        }
        return new Finding(component + " does not move with g: f(g·x) = f(x) on every input",
                "the output is invariant where it is declared to transform: it is computed from invariant features "
                        + "only, or the action declared for it is wrong (an invariant output takes a TrivialAction)");
    }

    private Finding inverse(Map<E, List<Trial>> failing) {
        for (Map.Entry<E, List<Trial>> e : failing.entrySet()) {
            E inverse = action.group().inverse(e.getKey());
            for (Trial t : e.getValue()) {
                if (!(Tensors.scaledError(t.actual(), action.act(inverse, t.base())) <= tolerance)) {
                    return null;
                }
            }
        }
        return new Finding(component + " moves by g^-1 instead of g: f(g·x) = g^-1·f(x) on every input",
                "a right action: a transposed rotation matrix, an inverse permutation, or compose() in the wrong order");
    }

    private Finding constantOffset(Map<E, List<Trial>> failing) {
        double largest = 0;
        for (Map.Entry<E, List<Trial>> e : failing.entrySet()) {
            List<Trial> ts = e.getValue();
            if (ts.size() < 2) {
                return null;
            }
            double[] first = residual(ts.get(0));
            double scale = scale(ts);
            for (Trial t : ts.subList(1, ts.size())) {
                double[] r = residual(t);
                for (int k = 0; k < r.length; k++) {
                    if (!(Math.abs(r[k] - first[k]) <= tolerance * scale)) {
                        return null;
                    }
                }
            }
            largest = Math.max(largest, maxAbs(first));
        }
        String hint = "a term that does not transform with g: a bias added after the equivariant layers, or a "
                + "constant vector added in a fixed frame; it must be invariant (g·b = b for every g) or go";
        Optional<String> offset = fitOffset();
        if (offset.isPresent()) {
            return new Finding("constant offset of " + offset.get() + " in " + component
                    + ": f(g·x) - g·f(x) = b - g·b, the same on every input" + partly, hint);
        }
        return new Finding("constant offset in " + component + ": f(g·x) - g·f(x) is the same on every input (up to "
                + fmt(largest) + " per entry) but is not b - g·b for one b", hint);
    }

    private Finding frameOffset(Map<E, List<Trial>> failing) {
        double length = 0;
        int inputs = 0;
        for (List<Trial> ts : failing.values()) {
            if (ts.size() < 2) {
                return null;
            }
            double first = norm(residual(ts.get(0)));
            double slack = tolerance * scale(ts) * Math.sqrt(ts.get(0).expected().size());
            for (Trial t : ts.subList(1, ts.size())) {
                if (!(Math.abs(norm(residual(t)) - first) <= slack)) {
                    return null;
                }
            }
            length = Math.max(length, first);
            inputs = Math.max(inputs, ts.size());
        }
        return new Finding("frame-dependent offset in " + component + ": f(g·x) - g·f(x) has the same length, "
                + fmt(length) + ", on all " + inputs + " inputs but turns with the input",
                "a term added in a frame built from the input (local axes, a canonical orientation) that does not "
                        + "follow g: a frame of fixed handedness (a cross product, a quarter turn) or a sign "
                        + "convention; frame(g·x) must be g·frame(x)");
    }

    /**
     * The offset b with {@code r_g = b - g·b} for every element tried (failing or not), by least squares
     * with the smallest norm; empty when the output is too large, the fit does not explain the residuals,
     * or b is zero.
     */
    private Optional<String> fitOffset() {
        Trial any = trials.values().iterator().next().get(0);
        long[] shape = any.expected().shape();
        int n = any.expected().size();
        if (n > MAX_FIT_ENTRIES) {
            return Optional.empty();
        }
        List<E> elements = new ArrayList<>(trials.keySet());
        DoubleTensor zero = DoubleTensor.zeros(shape);
        double[][] m = new double[elements.size() * n][n];
        double[] rhs = new double[elements.size() * n];
        List<double[]> shifts = new ArrayList<>();
        for (E g : elements) {
            shifts.add(action.act(g, zero).data());
        }
        for (int j = 0; j < n; j++) {
            DoubleTensor unit = DoubleTensor.zeros(shape);
            unit.data()[j] = 1;
            for (int e = 0; e < elements.size(); e++) {
                double[] moved = action.act(elements.get(e), unit).data();
                for (int k = 0; k < n; k++) {
                    // Column j of (I - L_g), L_g the linear part of the action.
                    m[e * n + k][j] = (k == j ? 1 : 0) - (moved[k] - shifts.get(e)[k]);
                }
            }
        }
        double scale = 1;
        for (int e = 0; e < elements.size(); e++) {
            List<Trial> ts = trials.get(elements.get(e));
            double[] mean = new double[n];
            for (Trial t : ts) {
                double[] r = residual(t);
                for (int k = 0; k < n; k++) {
                    mean[k] += r[k] / ts.size();
                }
            }
            System.arraycopy(mean, 0, rhs, e * n, n);
            scale = Math.max(scale, scale(ts));
        }
        Array2DRowRealMatrix matrix = new Array2DRowRealMatrix(m, false);
        SingularValueDecomposition svd = new SingularValueDecomposition(matrix);
        RealVector b = svd.getSolver().solve(new ArrayRealVector(rhs, false));
        RealVector misfit = matrix.operate(b).subtract(new ArrayRealVector(rhs, false));
        if (!(misfit.getLInfNorm() <= tolerance * scale) || !(b.getLInfNorm() > tolerance * scale)) {
            return Optional.empty();
        }
        partly = svd.getRank() < n ? " (only the part of b that the elements tried move is seen)" : "";
        return Optional.of(describe(b.toArray(), shape, tolerance * scale));
    }

    /** b as text: one row when every row along the first axis is the same, else its leading values. */
    private static String describe(double[] b, long[] shape, double slack) {
        if (shape.length >= 2 && shape[0] > 1) {
            int rows = Math.toIntExact(shape[0]);
            int width = b.length / rows;
            boolean same = true;
            for (int i = 1; i < rows && same; i++) {
                for (int k = 0; k < width; k++) {
                    same &= Math.abs(b[i * width + k] - b[k]) <= slack;
                }
            }
            if (same) {
                return tuple(Arrays.copyOf(b, width), width) + " in each of the " + rows + " rows (first axis)";
            }
        }
        return tuple(b, 8);
    }

    private static String tuple(double[] v, int limit) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < Math.min(limit, v.length); i++) {
            s.append(i == 0 ? "" : ", ").append(fmt(v[i]));
        }
        return s.append(v.length > limit ? ", ...)" : ")").toString();
    }

    private static String fmt(double v) {
        return String.format("%.3g", Math.abs(v) < 1e-12 ? 0.0 : v);
    }

    private static double[] residual(Trial t) {
        double[] a = t.actual().data();
        double[] e = t.expected().data();
        double[] r = new double[e.length];
        for (int k = 0; k < r.length; k++) {
            r[k] = a[k] - e[k];
        }
        return r;
    }

    private static double scale(List<Trial> ts) {
        double s = 1;
        for (Trial t : ts) {
            s = Math.max(s, maxAbs(t.expected().data()));
        }
        return s;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
