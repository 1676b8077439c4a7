package org.epnsj.api.data;

/**
 * A sequence of states x_0 .. x_{T-1} of one domain. Implementations may store frames compactly
 * (cell ids as ints); consumers copy frames out as float32, the model input dtype.
 */
public interface Trajectory {

    /** The number of frames T. */
    int length();

    /** The shape of one frame, channel axis last. */
    long[] frameShape();

    /** The number of values in one frame. */
    default int frameSize() {
        long n = 1;
        for (long d : frameShape()) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    /** Copies frame {@code t} into {@code destination} starting at {@code offset}. */
    void copyFrame(int t, float[] destination, int offset);

    /** Frame {@code t} as a new array. */
    default float[] frame(int t) {
        float[] out = new float[frameSize()];
        copyFrame(t, out, 0);
        return out;
    }
}
