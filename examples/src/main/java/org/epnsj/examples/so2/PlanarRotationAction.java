package org.epnsj.examples.so2;

import ai.djl.ndarray.NDArray;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.GroupAction;
import org.epnsj.runtime.engine.HostArrays;

/**
 * SO(2) acting on arrays whose last axis holds planar vectors (x, y): every vector is rotated.
 * Shapes (2), (n, 2) per sample, or any (..., 2).
 */
public final class PlanarRotationAction implements GroupAction<Rotation> {

    private final So2Group group;
    private final String name;

    /** An action named {@code name} (for reports). */
    public PlanarRotationAction(So2Group group, String name) {
        this.group = group;
        this.name = name;
    }

    @Override
    public Group<Rotation> group() {
        return group;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DoubleTensor act(Rotation g, DoubleTensor x) {
        long[] shape = x.shape();
        if (shape[shape.length - 1] != 2) {
            throw new IllegalArgumentException("planar vectors need a last axis of 2, got shape " + java.util.Arrays.toString(shape));
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
    public NDArray act(Rotation g, NDArray x) {
        double[][] r = g.matrix();
        // Row vectors: x' = x R^T.
        NDArray rt = HostArrays.of(x.getManager(), new double[] {r[0][0], r[1][0], r[0][1], r[1][1]}, new ai.djl.ndarray.types.Shape(2, 2))
                .toType(x.getDataType(), false);
        long[] shape = x.getShape().getShape();
        NDArray flat = x.reshape(-1, 2);
        return flat.matMul(rt).reshape(shape);
    }
}
