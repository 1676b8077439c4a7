package org.epnsj.conformance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.GroupAction;

/**
 * Pointwise equivariance of a deterministic map, in the manner of e3nn's {@code assert_equivariant}:
 * inputs and their transforms are computed in float64 with the reference actions, cast to the map's
 * dtype, and the outputs compared in float64 with a tolerance by dtype.
 */
public final class EquivarianceChecks {

    private EquivarianceChecks() {}

    /**
     * {@link Rule#REQUIRED_MAP_EQUIVARIANT}: {@code f(g x) == g f(x)} for every element and input.
     * For an invariant map pass {@link org.epnsj.api.group.TrivialAction} as {@code output}.
     *
     * @param f the map under test
     * @param dataType the dtype the map computes in
     * @param input how the group acts on inputs
     * @param output how the group acts on outputs
     * @param elements the elements to try
     * @param inputs float64 samples (no batch axis)
     * @param tolerance the accepted scaled error
     * @param manager the parent manager; the check frees what it creates
     * @param seed the seed the inputs were drawn with (recorded only)
     */
    public static <E> CheckReport deterministic(BatchMap f, DataType dataType, GroupAction<E> input,
            GroupAction<E> output, List<E> elements, List<DoubleTensor> inputs, Tolerance tolerance, NDManager manager,
            long seed) {
        Worst w = new Worst(Rule.REQUIRED_MAP_EQUIVARIANT, tolerance.value(), seed);
        ResidualDiagnosis<E> residuals = new ResidualDiagnosis<>(output, "the map's output", tolerance.value());
        try (NDManager m = manager.newSubManager()) {
            List<DoubleTensor> fx = Tensors.fromBatch(f.apply(Tensors.toBatch(m, inputs, dataType)));
            for (E g : elements) {
                List<DoubleTensor> gx = new ArrayList<>();
                for (DoubleTensor x : inputs) {
                    gx.add(input.act(g, x));
                }
                List<DoubleTensor> fgx = Tensors.fromBatch(f.apply(Tensors.toBatch(m, gx, dataType)));
                for (int i = 0; i < inputs.size(); i++) {
                    DoubleTensor expected = output.act(g, fx.get(i));
                    w.add(Tensors.scaledError(fgx.get(i), expected), g, ActionLawChecks.input(i, inputs.get(i), seed));
                    residuals.add(g, fgx.get(i), fx.get(i), expected);
                }
            }
        } catch (RuntimeException e) {
            return CheckReport.crashed(Rule.REQUIRED_MAP_EQUIVARIANT.id(), e, seed, "", "");
        }
        String actions = " (" + input.name() + " -> " + output.name() + ")";
        return w.report(residuals.diagnose()
                .map(found -> new ResidualDiagnosis.Finding(found.found() + actions, found.hint()))
                .or(() -> Optional.of(new ResidualDiagnosis.Finding("f(g x) != g f(x)" + actions, ""))));
    }

    /** Samples mapped by {@code g} with the reference form. */
    static <E> List<DoubleTensor> actAll(GroupAction<E> action, E g, List<DoubleTensor> xs) {
        List<DoubleTensor> out = new ArrayList<>(xs.size());
        for (DoubleTensor x : xs) {
            out.add(action.act(g, x));
        }
        return out;
    }

    /** A batch mapped by {@code g} with the reference form, returned in {@code dataType}. */
    static <E> NDArray actBatch(GroupAction<E> action, E g, NDArray batch, DataType dataType) {
        return Tensors.toBatch(batch.getManager(), actAll(action, g, Tensors.fromBatch(batch)), dataType);
    }
}
