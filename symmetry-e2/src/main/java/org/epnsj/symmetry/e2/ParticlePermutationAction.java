package org.epnsj.symmetry.e2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.GroupAction;
import org.epnsj.runtime.ops.Ops;
import org.epnsj.runtime.engine.HostArrays;

/**
 * How E(2) × S_n acts on per-particle scalar features (latents, embeddings) of any width: the
 * permutation moves each particle's row, rotations and translations leave the values alone, and
 * reflections leave invariant columns alone and turn over the sign of pseudo-scalar columns (a
 * handedness, such as a left or right turn), which are the last {@link #pseudoScalars()} of each row.
 * Arrays are (n, C) in the reference form and (B, n, C) in the batched form.
 */
public final class ParticlePermutationAction implements GroupAction<E2xSnElement> {

    private final E2xSnGroup group;
    private final String name;
    private final int pseudoScalars;

    /** An action of {@code group} on invariant features named {@code name}. */
    public ParticlePermutationAction(E2xSnGroup group, String name) {
        this(group, name, 0);
    }

    /**
     * An action of {@code group} on features named {@code name} whose last {@code pseudoScalars}
     * columns change sign under reflections.
     */
    public ParticlePermutationAction(E2xSnGroup group, String name, int pseudoScalars) {
        if (group == null) {
            throw new IllegalArgumentException("group must not be null");
        }
        if (pseudoScalars < 0) {
            throw new IllegalArgumentException("pseudoScalars must be >= 0, got " + pseudoScalars);
        }
        this.group = group;
        this.name = name;
        this.pseudoScalars = pseudoScalars;
    }

    /** The number of trailing pseudo-scalar columns. */
    public int pseudoScalars() {
        return pseudoScalars;
    }

    private void checkWidth(long c) {
        if (c < pseudoScalars) {
            throw new IllegalArgumentException(name + " has " + c + " columns, fewer than its " + pseudoScalars
                    + " pseudo-scalar columns");
        }
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private boolean flips(E2xSnElement g) {
        return pseudoScalars > 0 && g.determinant() < 0;
    }

    @Override
    public Group<E2xSnElement> group() {
        return group;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DoubleTensor act(E2xSnElement g, DoubleTensor x) {
        long[] shape = x.shape();
        if (shape.length != 2) {
            throw new IllegalArgumentException(name + " needs shape (n, C), got " + Arrays.toString(shape));
        }
        int n = (int) shape[0];
        int c = (int) shape[1];
        checkWidth(c);
        int[] slot = g.permutation(n);
        double[] in = x.data();
        double[] out = new double[in.length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(in, i * c, out, slot[i] * c, c);
        }
        if (flips(g)) {
            for (int i = 0; i < n; i++) {
                for (int k = c - pseudoScalars; k < c; k++) {
                    out[i * c + k] = -out[i * c + k];
                }
            }
        }
        return new DoubleTensor(shape, out);
    }

    @Override
    public NDArray act(E2xSnElement g, NDArray x) {
        Shape shape = x.getShape();
        if (shape.dimension() != 3) {
            throw new IllegalArgumentException(name + " needs shape (B, n, C), got " + shape);
        }
        int n = (int) shape.get(1);
        int c = (int) shape.get(2);
        checkWidth(c);
        int[] slot = g.permutation(n);
        long[] source = new long[n];
        for (int i = 0; i < n; i++) {
            source[slot[i]] = i;
        }
        NDArray moved;
        try (NDArray index = HostArrays.of(x.getManager(), source)) {
            moved = Ops.gatherRows(x, index, 1);
        }
        if (!flips(g)) {
            return moved;
        }
        double[] sign = new double[c];
        Arrays.fill(sign, 0, c - pseudoScalars, 1);
        Arrays.fill(sign, c - pseudoScalars, c, -1);
        // The signs stay in x's manager: a gradient through the product reads them.
        NDArray signs = x.getDataType() == DataType.FLOAT64 ? HostArrays.of(x.getManager(), sign)
                : HostArrays.of(x.getManager(), toFloat(sign));
        return moved.mul(signs);
    }
}
