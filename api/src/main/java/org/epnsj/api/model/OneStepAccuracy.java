package org.epnsj.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.List;

/**
 * How close one rollout step (z from the prior, the rollout readout) comes to the true next state,
 * as a few named figures. The trainer measures them every epoch on a fixed subset of the validation
 * transitions: each batch adds its {@link #tally} (sums and counts), and {@link #figures} turns the
 * summed tallies into the figures, so that they weigh every transition alike whatever the batching.
 */
public interface OneStepAccuracy {

    /** The figures' names, in the order {@link #figures} returns them. */
    List<String> names();

    /**
     * What one batch adds: a fixed number of sums or counts, added up over batches.
     *
     * @param input x_t, a batch
     * @param predicted the model's next state, as its rollout would produce it
     * @param target the true x_{t+k}
     */
    double[] tally(NDArray input, NDArray predicted, NDArray target);

    /** The figures from the summed tallies; NaN where a figure is undefined (stated by the implementation). */
    double[] figures(double[] totals);

    /**
     * The default for continuous states: the RMS error of the prediction against the truth divided by
     * the RMS of the true change (target - input), over every element of the state. 0 is exact; 1 is no
     * better than copying the input; below 1 the step explains part of the change. For a stochastic
     * system even a perfect sampler stays above 0: its draw and the truth are two independent draws.
     * NaN when no element of the subset changed.
     */
    OneStepAccuracy RELATIVE_RMS_ERROR = new OneStepAccuracy() {

        @Override
        public List<String> names() {
            return List.of("relativeRmsError");
        }

        @Override
        public double[] tally(NDArray input, NDArray predicted, NDArray target) {
            return new double[] {squaredSum(predicted.sub(target)), squaredSum(target.sub(input))};
        }

        @Override
        public double[] figures(double[] totals) {
            return new double[] {totals[1] > 0 ? Math.sqrt(totals[0] / totals[1]) : Double.NaN};
        }

        private static double squaredSum(NDArray difference) {
            return difference.toType(DataType.FLOAT64, false).square().sum().getDouble();
        }

        @Override
        public String toString() {
            return "relative RMS error";
        }
    };
}
