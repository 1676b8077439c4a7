package org.epnsj.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import org.epnsj.runtime.nn.ParameterSet;
import org.epnsj.runtime.ops.Ops;

/**
 * A minimal p4 group-convolution network (Cohen and Welling 2016), the alternative to rotation
 * averaging that the cell EPNS did not take: a lifting convolution from C plain channels to m
 * channels per orientation, one p4 group convolution, ReLU after each, and the mean over the four
 * orientations, which gives an equivariant m-channel field. Both layers are ordinary convolutions
 * with circular padding on filter banks built each call from the parameters by rotating them (and,
 * in the group layer, cyclically shifting their orientation blocks), so autograd reaches the
 * parameters. Features are (M, 4 m, L, L), orientation-major: channel r m + o is orientation r of
 * channel o; a quarter turn of the input turns each orientation's map and moves it from r to r + 1.
 */
final class P4GroupConvStack {

    private final NDArray liftWeight;
    private final NDArray liftBias;
    private final NDArray groupWeight;
    private final NDArray groupBias;
    private final int perOrientation;

    /**
     * @param params where the parameters are created
     * @param in plain input channels
     * @param perOrientation channels per orientation, m
     * @param kernel the odd kernel size
     */
    P4GroupConvStack(ParameterSet params, int in, int perOrientation, int kernel) {
        this.perOrientation = perOrientation;
        double liftBound = 1.0 / Math.sqrt((double) in * kernel * kernel);
        double groupBound = 1.0 / Math.sqrt(4.0 * perOrientation * kernel * kernel);
        liftWeight = params.uniform("lift.weight", new Shape(perOrientation, in, kernel, kernel), liftBound);
        liftBias = params.uniform("lift.bias", new Shape(perOrientation), liftBound);
        groupWeight = params.uniform("group.weight", new Shape(perOrientation, 4L * perOrientation, kernel, kernel),
                groupBound);
        groupBias = params.uniform("group.bias", new Shape(perOrientation), groupBound);
    }

    /** The number of parameters of a stack with these sizes. */
    static long parameterCount(int in, int perOrientation, int kernel) {
        long m = perOrientation;
        return m * in * kernel * kernel + m + m * 4 * m * kernel * kernel + m;
    }

    /** (M, C, L, L) to (M, m, L, L). */
    NDArray forward(NDArray x) {
        NDArray lifted = Activation.relu(Ops.conv2dCircular(x, liftingFilters(), orientationBias(liftBias), 1));
        NDArray grouped = Activation.relu(Ops.conv2dCircular(lifted, groupFilters(), orientationBias(groupBias), 1));
        long[] s = grouped.getShape().getShape();
        return grouped.reshape(s[0], 4, perOrientation, s[2], s[3]).mean(new int[] {1});
    }

    /** (4 m, C, k, k): the filter turned by r quarter turns for output orientation r. */
    private NDArray liftingFilters() {
        NDList turned = new NDList(4);
        for (int r = 0; r < 4; r++) {
            turned.add(Ops.rot90(liftWeight, r, 2, 3));
        }
        return NDArrays.concat(turned, 0);
    }

    /**
     * (4 m, 4 m, k, k): for output orientation r the filter's input-orientation blocks shifted by r
     * (block s takes block s - r) and then turned by r, so that turning the input shifts the output by one.
     */
    private NDArray groupFilters() {
        NDList turned = new NDList(4);
        for (int r = 0; r < 4; r++) {
            turned.add(Ops.rot90(Ops.roll(groupWeight, r * perOrientation, 1), r, 2, 3));
        }
        return NDArrays.concat(turned, 0);
    }

    /** One bias per channel, shared by its four orientations. */
    private static NDArray orientationBias(NDArray bias) {
        return NDArrays.concat(new NDList(bias, bias, bias, bias), 0);
    }
}
