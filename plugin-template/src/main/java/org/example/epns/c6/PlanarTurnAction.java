package org.example.epns.c6;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.GroupAction;
import org.epnsj.runtime.engine.HostArrays;

/**
 * C6 acting on arrays whose last axis holds planar vectors (x, y): every vector is turned. Acts on
 * a state (2), on latents (n, 2) and on any (..., 2).
 */
public final class PlanarTurnAction implements GroupAction<Turn> {

    private final C6Group group;
    private final String name;

    /** An action named {@code name} (for reports). */
    public PlanarTurnAction(C6Group group, String name) {
        this.group = group;
        this.name = name;
    }

    @Override
    public Group<Turn> group() {
        return group;
    }

    @Override
    public String name() {
        return name;
    }

    /** The reference form in plain Java: the conformance kit checks the array form against it. */
    @Override
    public DoubleTensor act(Turn g, DoubleTensor x) {
        long[] shape = x.shape();
        if (shape.length == 0 || shape[shape.length - 1] != 2) {
            throw new IllegalArgumentException("planar vectors need a last axis of 2, got shape " + Arrays.toString(shape));
        }
        double[][] r = g.matrix();
        double[] in = x.data();
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i += 2) {
            out[i] = r[0][0] * in[i] + r[0][1] * in[i + 1];
            out[i + 1] = r[1][0] * in[i] + r[1][1] * in[i + 1];
        }
        return new DoubleTensor(shape, out);
    }

    @Override
    public NDArray act(Turn g, NDArray x) {
        double[][] r = g.matrix();
        // Row vectors: x' = x R^T.
        NDArray rt = HostArrays.of(x.getManager(), new double[] {r[0][0], r[1][0], r[0][1], r[1][1]}, new Shape(2, 2))
                .toType(x.getDataType(), false);
        return x.reshape(-1, 2).matMul(rt).reshape(x.getShape());
    }
}
