package org.epnsj.api.data;

import java.util.Arrays;

/**
 * A trajectory stored densely as float32, frame after frame in row-major order.
 *
 * @param frameShape the shape of one frame
 * @param length the number of frames
 * @param data {@code length * prod(frameShape)} values
 */
public record FloatTrajectory(long[] frameShape, int length, float[] data) implements Trajectory {

    /** Validates sizes and rejects non-finite values, which would poison training silently. */
    public FloatTrajectory {
        frameShape = frameShape.clone();
        long n = length;
        for (long d : frameShape) {
            n *= d;
        }
        if (length < 1 || n != data.length) {
            throw new IllegalArgumentException("trajectory of " + length + " frames of shape "
                    + Arrays.toString(frameShape) + " needs " + n + " values, got " + data.length);
        }
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                int size = data.length / length;
                throw new IllegalArgumentException("trajectory has a non-finite value (" + data[i]
                        + ") in frame " + (i / size) + " at offset " + (i % size));
            }
        }
    }

    @Override
    public long[] frameShape() {
        return frameShape.clone();
    }

    @Override
    public void copyFrame(int t, float[] destination, int offset) {
        if (t < 0 || t >= length) {
            throw new IndexOutOfBoundsException("frame " + t + " of a trajectory with " + length + " frames");
        }
        int size = data.length / length;
        System.arraycopy(data, t * size, destination, offset, size);
    }
}
