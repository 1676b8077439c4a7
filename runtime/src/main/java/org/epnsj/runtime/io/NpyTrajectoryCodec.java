package org.epnsj.runtime.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.StringJoiner;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.InvalidDataException;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.data.TrajectoryCodec;

/**
 * One trajectory per {@code .npy} file, in a layout whose axes may be ordered differently from the
 * in-memory {@code (T, frame axes...)}. The reference n-body files are {@code (bodies, 7, T)}: use
 * {@code new NpyTrajectoryCodec(new long[] {-1, 7}, new int[] {2, 0, 1})}; the cell files are
 * already time-major, {@code (T, H, W, 2)}: use {@code timeMajor(-1, -1, 2)}.
 *
 * <p>Reads any numeric dtype (the cell files hold integers) as float32; writes float32.
 */
public final class NpyTrajectoryCodec implements TrajectoryCodec {

    private final long[] frameShape;
    private final int[] perm;
    private final NpyType fileType;

    /**
     * Creates a codec.
     *
     * @param expectedFrameShape the shape of one frame in memory; {@code -1} accepts any size
     * @param fileAxesToTrajectoryAxes for each in-memory axis {@code k} (0 is time), the file axis
     *     that holds it, as in {@code numpy.transpose(file_array, perm)}; e.g. {@code {2, 0, 1}}
     *     turns a {@code (bodies, 7, T)} file into {@code (T, bodies, 7)}
     * @throws IllegalArgumentException if a size is neither positive nor -1, or the permutation
     *     does not match the rank
     */
    public NpyTrajectoryCodec(long[] expectedFrameShape, int[] fileAxesToTrajectoryAxes) {
        this(expectedFrameShape, fileAxesToTrajectoryAxes, NpyType.FLOAT32);
    }

    /**
     * Creates a codec that writes files of the given dtype: {@code FLOAT32} for continuous states,
     * {@code INT32} or {@code INT64} for label grids (cell id and type), whose values must then be
     * whole numbers. Reading accepts any numeric dtype.
     *
     * @throws IllegalArgumentException as the two-argument constructor, or for another file type
     */
    public NpyTrajectoryCodec(long[] expectedFrameShape, int[] fileAxesToTrajectoryAxes, NpyType fileType) {
        if (fileType != NpyType.FLOAT32 && fileType != NpyType.INT32 && fileType != NpyType.INT64) {
            throw new IllegalArgumentException("fileType must be FLOAT32, INT32 or INT64, got " + fileType);
        }
        this.fileType = fileType;
        Objects.requireNonNull(expectedFrameShape, "expectedFrameShape");
        Objects.requireNonNull(fileAxesToTrajectoryAxes, "fileAxesToTrajectoryAxes");
        for (long d : expectedFrameShape) {
            if (d < 1 && d != -1) {
                throw new IllegalArgumentException("expectedFrameShape " + Arrays.toString(expectedFrameShape)
                        + " has a size " + d + "; sizes must be positive or -1 (any)");
            }
        }
        Axes.checkPermutation(fileAxesToTrajectoryAxes, expectedFrameShape.length + 1);
        this.frameShape = expectedFrameShape.clone();
        this.perm = fileAxesToTrajectoryAxes.clone();
    }

    /**
     * A codec for files laid out like memory, {@code (T, frame axes...)}.
     *
     * @param frameShape the shape of one frame; {@code -1} accepts any size
     */
    public static NpyTrajectoryCodec timeMajor(long... frameShape) {
        int[] identity = new int[frameShape.length + 1];
        Arrays.setAll(identity, k -> k);
        return new NpyTrajectoryCodec(frameShape, identity);
    }

    /** Returns {@code ".npy"}. */
    @Override
    public String fileExtension() {
        return ".npy";
    }

    /**
     * Reads a trajectory, converting the values to float32.
     *
     * @throws InvalidDataException naming the file if it is not a valid {@code .npy} file, has the
     *     wrong rank or shape, no frames, or a value that is not finite as float32
     */
    @Override
    public Trajectory read(Path file) throws IOException {
        NpyArray array = Npy.read(file);
        long[] fileShape = array.shape();
        long[] shape = fileShape.length == perm.length ? Axes.permute(fileShape, perm) : null;
        if (shape == null || !matchesFrame(Arrays.copyOfRange(shape, 1, shape.length))) {
            throw new InvalidDataException(file, "expected an array of shape " + fileLayout()
                    + ", found " + tuple(fileShape));
        }
        if (shape[0] == 0) {
            throw new InvalidDataException(file, "the trajectory has no frames (shape " + tuple(fileShape) + ")");
        }
        int[] index = Axes.isIdentity(perm) ? null : Axes.gatherIndex(fileShape, perm);
        float[] flat = array.toFloatArray();
        float[] data = index == null ? flat : (float[]) Axes.gather(flat, index);
        long[] frame = Arrays.copyOfRange(shape, 1, shape.length);
        int length = (int) shape[0];
        int frameSize = data.length / length;
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                String where = "frame " + (i / frameSize) + " at " + Axes.unravel(i % frameSize, frame);
                if (array.dtype() == NpyType.FLOAT64) {
                    double original = ((double[]) array.data())[index == null ? i : index[i]];
                    if (Double.isFinite(original)) {
                        throw new InvalidDataException(file, "value " + original + " in " + where
                                + " overflows float32");
                    }
                }
                throw new InvalidDataException(file, "non-finite value " + data[i] + " in " + where);
            }
        }
        return new FloatTrajectory(frame, length, data);
    }

    /**
     * Writes a trajectory as float32 in the file layout, atomically.
     *
     * @throws IllegalArgumentException if its frame shape does not match or it has a non-finite
     *     value, which could not be read back
     */
    @Override
    public void write(Path file, Trajectory trajectory) throws IOException {
        long[] frame = trajectory.frameShape();
        int length = trajectory.length();
        long[] shape = new long[frame.length + 1];
        shape[0] = length;
        System.arraycopy(frame, 0, shape, 1, frame.length);
        if (!matchesFrame(frame)) {
            throw new IllegalArgumentException("cannot write " + file + ": frames of shape " + tuple(frame)
                    + " do not match the expected " + tuple(frameShape).replace("-1", "*"));
        }
        int frameSize = trajectory.frameSize();
        float[] data = new float[Math.multiplyExact(length, frameSize)];
        for (int t = 0; t < length; t++) {
            trajectory.copyFrame(t, data, t * frameSize);
        }
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException("cannot write " + file + ": non-finite value " + data[i]
                        + " in frame " + (i / frameSize) + " at " + Axes.unravel(i % frameSize, frame));
            }
        }
        Npy.write(file, encode(file, shape, data).transpose(Axes.inverse(perm)));
    }

    private NpyArray encode(Path file, long[] shape, float[] data) {
        if (fileType == NpyType.FLOAT32) {
            return NpyArray.ofFloats(shape, data);
        }
        long[] whole = new long[data.length];
        for (int i = 0; i < data.length; i++) {
            whole[i] = (long) data[i];
            if (whole[i] != data[i]) {
                throw new IllegalArgumentException("cannot write " + file + " as " + fileType + ": value " + data[i]
                        + " at flat index " + i + " is not a whole number");
            }
        }
        if (fileType == NpyType.INT64) {
            return NpyArray.ofLongs(shape, whole);
        }
        int[] ints = new int[whole.length];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = Math.toIntExact(whole[i]);
        }
        return NpyArray.ofInts(shape, ints);
    }

    /** Whether an in-memory frame shape has the expected rank and sizes. */
    private boolean matchesFrame(long[] frame) {
        if (frame.length != frameShape.length) {
            return false;
        }
        for (int k = 0; k < frame.length; k++) {
            if (frameShape[k] != -1 && frame[k] != frameShape[k]) {
                return false;
            }
        }
        return true;
    }

    /** The expected file shape with T for time and * for any size, e.g. {@code (*, 7, T)}. */
    private String fileLayout() {
        int[] inv = Axes.inverse(perm);
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (int axis = 0; axis < perm.length; axis++) {
            int k = inv[axis];
            j.add(k == 0 ? "T" : frameShape[k - 1] == -1 ? "*" : Long.toString(frameShape[k - 1]));
        }
        return j.toString();
    }

    private static String tuple(long[] shape) {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (long d : shape) {
            j.add(Long.toString(d));
        }
        return j.toString();
    }

    /** Describes the file layout, e.g. {@code NpyTrajectoryCodec[(*, 7, T)]}. */
    @Override
    public String toString() {
        return "NpyTrajectoryCodec[" + fileLayout() + "]";
    }
}
