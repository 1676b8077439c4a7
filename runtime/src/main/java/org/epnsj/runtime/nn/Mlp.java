package org.epnsj.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;

/** A multi-layer perceptron with ReLU between layers and a linear last layer. */
public final class Mlp {

    private final List<Dense> layers = new ArrayList<>();

    /**
     * Creates the layers {@code name.0}, {@code name.1}, ...
     *
     * @param widths input width, hidden widths..., output width (at least two entries)
     */
    public Mlp(ParameterSet params, String name, int... widths) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least an input and an output width");
        }
        for (int i = 0; i + 1 < widths.length; i++) {
            layers.add(new Dense(params, name + "." + i, widths[i], widths[i + 1]));
        }
    }

    /** Applies the network to (..., in). */
    public NDArray forward(NDArray x) {
        NDArray y = x;
        for (int i = 0; i < layers.size(); i++) {
            y = layers.get(i).forward(y);
            if (i + 1 < layers.size()) {
                y = Activation.relu(y);
            }
        }
        return y;
    }
}
