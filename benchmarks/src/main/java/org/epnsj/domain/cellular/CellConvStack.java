package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.epnsj.runtime.nn.Intermediates;
import org.epnsj.runtime.nn.ParameterSet;

/**
 * Two circularly padded k x k convolutions with ReLU, built from the cell EPNS's own {@link GridConv}
 * and, when averaging, wrapped in its {@link RotationAveraging} exactly as the EPNS processor is. It
 * lives in the domain's package (in the benchmarks module) so that benchmarks time the production
 * layers rather than a copy of them.
 */
public final class CellConvStack {

    private final GridConv first;
    private final GridConv second;
    private final boolean average;

    /**
     * @param params where the two layers' parameters are created
     * @param channels input, hidden and output channels
     * @param kernel the odd kernel size
     * @param average whether to average over the four quarter turns (the {@code epns} setting)
     */
    public CellConvStack(ParameterSet params, int channels, int kernel, boolean average) {
        this.first = new GridConv(params, "conv.0", channels, channels, kernel, GridConv.Padding.CIRCULAR);
        this.second = new GridConv(params, "conv.1", channels, channels, kernel, GridConv.Padding.CIRCULAR);
        this.average = average;
    }

    /** Intermediates are kept, as in a training step: the cost comparison measured that way. */
    private static final Intermediates KEPT = Intermediates.forPass(true);

    /** (M, C, L, L) to (M, C, L, L). */
    public NDArray forward(NDArray x) {
        return RotationAveraging.equivariant(average,
                g -> Activation.relu(second.forward(Activation.relu(first.forward(g)))), x, KEPT);
    }
}
