package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.epnsj.api.model.OneStepAccuracy;

/**
 * The one-step accuracy of a cell model, on the cell-id channel of (B, L, L, 2) states:
 * <ul>
 *   <li>{@code siteAccuracy}: the fraction of sites whose predicted id is the true one;</li>
 *   <li>{@code motionAccuracy}: the same fraction among the sites whose id changed between input and
 *       target, the cell motion (NaN when no site of the subset changed);</li>
 *   <li>{@code unchangedFraction}: the fraction of sites whose id did not change, which is the site
 *       accuracy of copying the input: a model that learnt no motion scores about this, and 0 motion
 *       accuracy.</li>
 * </ul>
 */
final class CellOneStepAccuracy implements OneStepAccuracy {

    static final CellOneStepAccuracy INSTANCE = new CellOneStepAccuracy();

    private CellOneStepAccuracy() {}

    @Override
    public List<String> names() {
        return List.of("siteAccuracy", "motionAccuracy", "unchangedFraction");
    }

    /** Sites, correct sites, changed sites, correct changed sites. */
    @Override
    public double[] tally(NDArray input, NDArray predicted, NDArray target) {
        NDArray truth = CellStates.ids(target);
        NDArray correct = CellStates.ids(predicted).eq(truth);
        NDArray changed = CellStates.ids(input).neq(truth);
        return new double[] {truth.size(), count(correct), count(changed), count(correct.logicalAnd(changed))};
    }

    private static double count(NDArray mask) {
        return mask.toType(DataType.FLOAT64, false).sum().getDouble();
    }

    @Override
    public double[] figures(double[] totals) {
        double sites = totals[0];
        double changed = totals[2];
        return new double[] {totals[1] / sites, changed > 0 ? totals[3] / changed : Double.NaN,
            1 - changed / sites};
    }

    @Override
    public String toString() {
        return "cell one-step accuracy";
    }
}
