package org.epnsj.runtime.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.epnsj.api.data.Trajectory;
import org.epnsj.runtime.engine.HostArrays;

/** Builds batched state arrays from trajectory frames. */
public final class StateBatches {

    private StateBatches() {}

    /**
     * Stacks frame {@code frames[i]} of {@code trajectories.get(i)} into one (B, frame shape...) array.
     *
     * @throws IllegalArgumentException if the trajectories' frame shapes differ
     */
    public static NDArray stack(NDManager manager, List<? extends Trajectory> trajectories, int[] frames, DataType dataType) {
        if (trajectories.size() != frames.length || frames.length == 0) {
            throw new IllegalArgumentException("need one frame index per trajectory, got " + frames.length
                    + " for " + trajectories.size());
        }
        long[] frameShape = trajectories.get(0).frameShape();
        int size = trajectories.get(0).frameSize();
        float[] buffer = new float[size * frames.length];
        for (int i = 0; i < frames.length; i++) {
            Trajectory t = trajectories.get(i);
            if (!Arrays.equals(t.frameShape(), frameShape)) {
                throw new IllegalArgumentException("trajectories in one batch must share a frame shape: "
                        + Arrays.toString(frameShape) + " vs " + Arrays.toString(t.frameShape()));
            }
            t.copyFrame(frames[i], buffer, i * size);
        }
        long[] shape = new long[frameShape.length + 1];
        shape[0] = frames.length;
        System.arraycopy(frameShape, 0, shape, 1, frameShape.length);
        NDArray array = HostArrays.of(manager, buffer, new Shape(shape));
        return dataType == DataType.FLOAT32 ? array : array.toType(dataType, false);
    }

    /** Copies a batched state array back into per-sample float frames. */
    public static float[][] unstack(NDArray states) {
        int batch = Math.toIntExact(states.getShape().get(0));
        float[] flat = states.toType(DataType.FLOAT32, false).toFloatArray();
        int size = flat.length / batch;
        float[][] out = new float[batch][];
        for (int i = 0; i < batch; i++) {
            out[i] = Arrays.copyOfRange(flat, i * size, (i + 1) * size);
        }
        return out;
    }
}
