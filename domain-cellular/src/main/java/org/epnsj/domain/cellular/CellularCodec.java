package org.epnsj.domain.cellular;

import java.io.IOException;
import java.nio.file.Path;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.InvalidDataException;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.data.TrajectoryCodec;
import org.epnsj.runtime.io.NpyTrajectoryCodec;
import org.epnsj.runtime.io.NpyType;

/**
 * Cell trajectories in the reference's file layout: one int32 {@code .npy} array (T + 1, H, W, 2) of
 * (cell id, cell type) per trajectory, whose first frame is not part of the trajectory. The
 * reference loader drops each file's first frame (it is far out of distribution in the published
 * data), so reading drops it here too, and writing puts a copy of the first frame in front: the
 * published files and ours load the same way, and a write-read round trip is exact.
 */
final class CellularCodec implements TrajectoryCodec {

    private final NpyTrajectoryCodec npy = new NpyTrajectoryCodec(new long[] {-1, -1, 2}, new int[] {0, 1, 2, 3},
            NpyType.INT32);

    @Override
    public String fileExtension() {
        return npy.fileExtension();
    }

    @Override
    public Trajectory read(Path file) throws IOException {
        Trajectory stored = npy.read(file);
        if (stored.length() < 2) {
            throw new InvalidDataException(file, "a cell file holds a dropped leading frame and at least one more, "
                    + "found " + stored.length() + " frame(s)");
        }
        int size = stored.frameSize();
        float[] data = new float[(stored.length() - 1) * size];
        for (int t = 1; t < stored.length(); t++) {
            stored.copyFrame(t, data, (t - 1) * size);
        }
        for (float v : data) {
            if (v < 0 || v != Math.rint(v)) {
                throw new InvalidDataException(file, "cell ids and types must be whole numbers >= 0, found " + v);
            }
        }
        return new FloatTrajectory(stored.frameShape(), stored.length() - 1, data);
    }

    @Override
    public void write(Path file, Trajectory trajectory) throws IOException {
        int size = trajectory.frameSize();
        float[] data = new float[(trajectory.length() + 1) * size];
        trajectory.copyFrame(0, data, 0);
        for (int t = 0; t < trajectory.length(); t++) {
            trajectory.copyFrame(t, data, (t + 1) * size);
        }
        npy.write(file, new FloatTrajectory(trajectory.frameShape(), trajectory.length() + 1, data));
    }

    @Override
    public String toString() {
        return "CellularCodec[(T+1, H, W, 2) int32, first frame dropped on read]";
    }
}
