package org.epnsj.conformance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.GroupAction;

/**
 * The laws of a {@link GroupAction}: identity, left-action compatibility, agreement of the array form
 * with the reference form, and purity. Inputs are float64 samples; {@code seed} is the seed they
 * were drawn with and is only recorded.
 */
public final class ActionLawChecks {

    private ActionLawChecks() {}

    static String input(int i, DoubleTensor x, long seed) {
        return "input #" + i + " of seed " + seed + ": " + Tensors.preview(x);
    }

    /** {@link Rule#REQUIRED_ACTION_IDENTITY}: {@code act(e, x) == x} on every input. */
    public static <E> CheckReport identity(GroupAction<E> action, List<DoubleTensor> inputs, long seed) {
        Worst w = new Worst(Rule.REQUIRED_ACTION_IDENTITY, Tolerance.FLOAT64.value(), seed);
        E e = action.group().identity();
        for (int i = 0; i < inputs.size(); i++) {
            DoubleTensor x = inputs.get(i);
            w.add(Tensors.scaledError(action.act(e, x), x), e, input(i, x, seed));
        }
        return w.report("the identity moved an input of " + action.name());
    }

    /**
     * {@link Rule#REQUIRED_ACTION_COMPATIBILITY}: {@code act(compose(g, h), x) == act(g, act(h, x))}
     * for every g in {@code left}, h in {@code right} and input.
     */
    public static <E> CheckReport compatibility(GroupAction<E> action, List<E> left, List<E> right,
            List<DoubleTensor> inputs, long seed) {
        Worst w = new Worst(Rule.REQUIRED_ACTION_COMPATIBILITY, Tolerance.FLOAT64.value(), seed);
        Group<E> group = action.group();
        for (E g : left) {
            for (E h : right) {
                E gh = group.compose(g, h);
                for (int i = 0; i < inputs.size(); i++) {
                    DoubleTensor x = inputs.get(i);
                    w.add(Tensors.scaledError(action.act(gh, x), action.act(g, action.act(h, x))), "g=" + g + ", h=" + h,
                            input(i, x, seed));
                }
            }
        }
        return w.report("act(gh, x) != act(g, act(h, x)) for " + action.name() + ": not a left action");
    }

    /**
     * {@link Rule#REQUIRED_ACTION_ARRAY_MATCHES_REFERENCE}: the array form on a float64 batch of all
     * inputs equals the reference form sample by sample.
     */
    public static <E> CheckReport arrayMatchesReference(GroupAction<E> action, List<E> elements,
            List<DoubleTensor> inputs, NDManager manager, long seed) {
        Worst w = new Worst(Rule.REQUIRED_ACTION_ARRAY_MATCHES_REFERENCE, Tolerance.FLOAT64.value(), seed);
        try (NDManager m = manager.newSubManager()) {
            NDArray batch = Tensors.toBatch(m, inputs, DataType.FLOAT64);
            for (E g : elements) {
                List<DoubleTensor> got = Tensors.fromBatch(action.act(g, batch));
                for (int i = 0; i < inputs.size(); i++) {
                    DoubleTensor expected = action.act(g, inputs.get(i));
                    double err = i < got.size() ? Tensors.scaledError(got.get(i), expected) : Double.POSITIVE_INFINITY;
                    w.add(err, g, input(i, inputs.get(i), seed));
                }
            }
        }
        return w.report("act(g, NDArray) differs from act(g, DoubleTensor) for " + action.name());
    }

    /** {@link Rule#REQUIRED_ACTION_PURE}: the reference form leaves its input unchanged. */
    public static <E> CheckReport pure(GroupAction<E> action, List<E> elements, List<DoubleTensor> inputs, long seed) {
        Worst w = new Worst(Rule.REQUIRED_ACTION_PURE, 0.0 + Double.MIN_VALUE, seed);
        for (E g : elements) {
            for (int i = 0; i < inputs.size(); i++) {
                DoubleTensor x = inputs.get(i);
                DoubleTensor copy = new DoubleTensor(x.shape(), x.data().clone());
                action.act(g, x);
                w.add(x.equals(copy) ? 0 : 1, g, input(i, copy, seed));
            }
        }
        return w.report("act(g, x) modified x in " + action.name());
    }
}
