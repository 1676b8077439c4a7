package org.epnsj.symmetry.e3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.GroupAction;
import org.epnsj.runtime.ops.Ops;
import org.epnsj.runtime.engine.HostArrays;

/**
 * How E(3) × S_n acts on per-body invariant features (latents, embeddings) of any width: the
 * permutation moves each body's row, rotations and translations leave the values alone. Arrays are
 * (n, C) in the reference form and (B, n, C) in the batched form.
 */
public final class BodyPermutationAction implements GroupAction<E3xSnElement> {

    private final E3xSnGroup group;
    private final String name;

    /** An action of {@code group} on features named {@code name}. */
    public BodyPermutationAction(E3xSnGroup group, String name) {
        this.group = group;
        this.name = name;
    }

    @Override
    public Group<E3xSnElement> group() {
        return group;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DoubleTensor act(E3xSnElement g, DoubleTensor x) {
        long[] shape = x.shape();
        if (shape.length != 2) {
            throw new IllegalArgumentException(name + " needs shape (n, C), got " + Arrays.toString(shape));
        }
        int n = (int) shape[0];
        int c = (int) shape[1];
        int[] slot = g.permutation(n);
        double[] in = x.data();
        double[] out = new double[in.length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(in, i * c, out, slot[i] * c, c);
        }
        return new DoubleTensor(shape, out);
    }

    @Override
    public NDArray act(E3xSnElement g, NDArray x) {
        Shape shape = x.getShape();
        if (shape.dimension() != 3) {
            throw new IllegalArgumentException(name + " needs shape (B, n, C), got " + shape);
        }
        int n = (int) shape.get(1);
        int[] slot = g.permutation(n);
        long[] source = new long[n];
        for (int i = 0; i < n; i++) {
            source[slot[i]] = i;
        }
        try (NDArray index = HostArrays.of(x.getManager(), source)) {
            return Ops.gatherRows(x, index, 1);
        }
    }
}
