package org.epnsj.domain.cellular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.epnsj.api.data.InvalidDataException;
import org.epnsj.api.data.Trajectory;
import org.epnsj.runtime.io.Npy;
import org.epnsj.runtime.io.NpyArray;
import org.epnsj.runtime.io.NpyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellularCodecTest {

    @TempDir
    Path dir;

    private final CellularCodec codec = new CellularCodec();

    @Test
    void roundTripIsExactAndFilesHaveTheReferenceLayout() throws Exception {
        CellularPottsSimulator sim = new CellularPottsSimulator(CpmParameters.tiny());
        SplittableRandom rng = new SplittableRandom(3);
        Trajectory t = sim.simulate(sim.initialState(rng), 5, rng);
        Path file = dir.resolve("000000.npy");
        codec.write(file, t);
        NpyArray stored = Npy.read(file);
        assertThat(stored.dtype()).isEqualTo(NpyType.INT32);
        assertThat(stored.shape()).containsExactly(6, 16, 16, 2);
        Trajectory back = codec.read(file);
        assertThat(back.length()).isEqualTo(5);
        assertThat(back.frameShape()).containsExactly(16, 16, 2);
        for (int f = 0; f < 5; f++) {
            assertThat(back.frame(f)).as("frame %d", f).containsExactly(t.frame(f));
        }
    }

    /** A reference file (int64 here) of 4 frames loads as its last 3: the first is dropped as the reference loader does. */
    @Test
    void readsReferenceFilesDroppingTheirFirstFrame() throws Exception {
        int frames = 4;
        int side = 3;
        long[] values = new long[frames * side * side * 2];
        for (int t = 0; t < frames; t++) {
            for (int s = 0; s < side * side; s++) {
                values[(t * side * side + s) * 2] = (t + s) % 4;
                values[(t * side * side + s) * 2 + 1] = (t + s) % 4 == 0 ? 0 : 1 + (t + s) % 2;
            }
        }
        Path file = dir.resolve("ref.npy");
        Npy.write(file, NpyArray.ofLongs(new long[] {frames, side, side, 2}, values));
        Trajectory read = codec.read(file);
        assertThat(read.length()).isEqualTo(3);
        assertThat(read.frame(0)[0]).as("id at (0, 0) of file frame 1").isEqualTo(1f);
        assertThat(read.frame(2)[2]).as("id at (0, 1) of file frame 3").isEqualTo(0f);
    }

    @Test
    void rejectsFilesWithoutAFrameAfterTheDroppedOneAndNegativeIds() throws Exception {
        Path single = dir.resolve("single.npy");
        Npy.write(single, NpyArray.ofInts(new long[] {1, 2, 2, 2}, new int[8]));
        assertThatThrownBy(() -> codec.read(single)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("single.npy").hasMessageContaining("1 frame");
        Path negative = dir.resolve("negative.npy");
        int[] v = new int[16];
        v[10] = -3;
        Npy.write(negative, NpyArray.ofInts(new long[] {2, 2, 2, 2}, v));
        assertThatThrownBy(() -> codec.read(negative)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("-3");
        Path wrongShape = dir.resolve("wrong.npy");
        Npy.write(wrongShape, NpyArray.ofInts(new long[] {2, 2, 2, 3}, new int[24]));
        assertThatThrownBy(() -> codec.read(wrongShape)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("wrong.npy");
    }
}
