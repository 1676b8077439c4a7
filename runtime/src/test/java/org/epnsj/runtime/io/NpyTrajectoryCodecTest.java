package org.epnsj.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.InvalidDataException;
import org.epnsj.api.data.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTrajectoryCodecTest {

    @TempDir
    Path dir;

    private final NpyTrajectoryCodec nbody = new NpyTrajectoryCodec(new long[] {-1, 7}, new int[] {2, 0, 1});

    static FloatTrajectory random(int length, long... frameShape) {
        SplittableRandom rng = new SplittableRandom(length);
        long n = length;
        for (long d : frameShape) {
            n *= d;
        }
        float[] data = new float[(int) n];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rng.nextDouble(-10, 10);
        }
        return new FloatTrajectory(frameShape, length, data);
    }

    @Test
    void timeMajorRoundTrip() throws IOException {
        NpyTrajectoryCodec codec = NpyTrajectoryCodec.timeMajor(3, -1);
        FloatTrajectory t = random(4, 3, 2);
        Path file = dir.resolve("t" + codec.fileExtension());
        codec.write(file, t);
        assertThat(Npy.read(file).shape()).containsExactly(4, 3, 2);
        assertThat(Npy.read(file).dtype()).isEqualTo(NpyType.FLOAT32);
        Trajectory back = codec.read(file);
        assertThat(back.length()).isEqualTo(4);
        assertThat(back.frameShape()).containsExactly(3, 2);
        assertThat(((FloatTrajectory) back).data()).isEqualTo(t.data());
    }

    @Test
    void permutedLayoutRoundTripAndFileOrder() throws IOException {
        FloatTrajectory t = random(5, 3, 7); // (T, bodies, 7) in memory
        Path file = dir.resolve("nbody.npy");
        nbody.write(file, t);
        NpyArray onDisk = Npy.read(file);
        assertThat(onDisk.shape()).containsExactly(3, 7, 5); // (bodies, 7, T) on disk
        float[] disk = onDisk.toFloatArray();
        for (int time = 0; time < 5; time++) {
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 7; c++) {
                    assertThat(disk[(b * 7 + c) * 5 + time]).isEqualTo(t.data()[(time * 3 + b) * 7 + c]);
                }
            }
        }
        Trajectory back = nbody.read(file);
        assertThat(back.frameShape()).containsExactly(3, 7);
        assertThat(((FloatTrajectory) back).data()).isEqualTo(t.data());
    }

    @Test
    void readsOtherDtypesAsFloat() throws IOException {
        // A cell file (T, H, W, 2) of int32: cell id, cell type.
        int[] cells = new int[2 * 2 * 3 * 2];
        Arrays.setAll(cells, i -> i * 3);
        Path file = dir.resolve("cells.npy");
        Npy.write(file, NpyArray.ofInts(new long[] {2, 2, 3, 2}, cells));
        Trajectory t = NpyTrajectoryCodec.timeMajor(-1, -1, 2).read(file);
        assertThat(t.length()).isEqualTo(2);
        assertThat(t.frame(1)).startsWith(36f, 39f);

        Path f8 = dir.resolve("f8.npy");
        Npy.write(f8, NpyArray.ofDoubles(new long[] {1, 7, 2}, new double[14]));
        assertThat(nbody.read(f8).length()).isEqualTo(2);
    }

    @Test
    void wrongRankOrShapeSaysExpectedAndFound() throws IOException {
        Path file = dir.resolve("bad.npy");
        Npy.write(file, NpyArray.ofFloats(new long[] {3, 5}, new float[15]));
        assertThatThrownBy(() -> nbody.read(file)).isInstanceOf(InvalidDataException.class)
                .hasMessage(file + ": expected an array of shape (*, 7, T), found (3, 5)");
        Npy.write(file, NpyArray.ofFloats(new long[] {3, 6, 5}, new float[90]));
        assertThatThrownBy(() -> nbody.read(file))
                .hasMessage(file + ": expected an array of shape (*, 7, T), found (3, 6, 5)");
        Npy.write(file, NpyArray.ofFloats(new long[] {3, 7, 0}, new float[0]));
        assertThatThrownBy(() -> nbody.read(file)).hasMessageContaining("no frames");
    }

    @Test
    void nonFiniteValuesNameFrameAndPosition() throws IOException {
        float[] data = new float[3 * 7 * 4];
        data[(2 * 7 + 4) * 4 + 1] = Float.NaN; // body 2, channel 4, frame 1
        Path file = dir.resolve("nan.npy");
        Npy.write(file, NpyArray.ofFloats(new long[] {3, 7, 4}, data));
        assertThatThrownBy(() -> nbody.read(file)).isInstanceOf(InvalidDataException.class)
                .hasMessage(file + ": non-finite value NaN in frame 1 at [2, 4]");

        double[] big = new double[2 * 2];
        big[3] = 1e300;
        Npy.write(file, NpyArray.ofDoubles(new long[] {2, 2}, big));
        assertThatThrownBy(() -> NpyTrajectoryCodec.timeMajor(2).read(file))
                .hasMessage(file + ": value 1.0E300 in frame 1 at [1] overflows float32");
    }

    @Test
    void truncatedFileIsNamed() throws IOException {
        Path file = dir.resolve("cut.npy");
        nbody.write(file, random(5, 3, 7));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(() -> nbody.read(file)).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(file + ": truncated: expected 420 data bytes");
    }

    @Test
    void writeRejectsWrongShapeAndNonFinite() {
        Path file = dir.resolve("w.npy");
        assertThatThrownBy(() -> nbody.write(file, random(2, 3, 6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write " + file + ": frames of shape (3, 6) do not match the expected (*, 7)");
        assertThatThrownBy(() -> nbody.write(file, new Trajectory() {
            @Override
            public int length() {
                return 2;
            }

            @Override
            public long[] frameShape() {
                return new long[] {1, 7};
            }

            @Override
            public void copyFrame(int t, float[] destination, int offset) {
                Arrays.fill(destination, offset, offset + 7, t == 1 ? Float.POSITIVE_INFINITY : 0f);
            }
        })).hasMessageContaining("non-finite value Infinity in frame 1 at [0, 0]");
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void constructorValidates() {
        assertThatThrownBy(() -> new NpyTrajectoryCodec(new long[] {-1, 7}, new int[] {0, 1}))
                .hasMessage("axis permutation [0, 1] is not a permutation of 0..2");
        assertThatThrownBy(() -> new NpyTrajectoryCodec(new long[] {-1, 7}, new int[] {0, 1, 1}))
                .hasMessageContaining("not a permutation");
        assertThatThrownBy(() -> NpyTrajectoryCodec.timeMajor(0, 2))
                .hasMessageContaining("sizes must be positive or -1");
        assertThat(nbody).hasToString("NpyTrajectoryCodec[(*, 7, T)]");
    }

    @Test
    void labelGridsAreWrittenAsIntegersAndReadBack() throws IOException {
        // Cell files (T, H, W, 2) = (id, type) are integer arrays in the published layout.
        float[] values = {0, 0, 3, 1, 7, 2, 0, 0, 3, 1, 7, 2, 5, 4, 0, 0};
        FloatTrajectory t = new FloatTrajectory(new long[] {2, 2, 2}, 2, values);
        NpyTrajectoryCodec codec = new NpyTrajectoryCodec(new long[] {2, 2, 2}, new int[] {0, 1, 2, 3}, NpyType.INT32);
        Path file = dir.resolve("cells.npy");
        codec.write(file, t);
        assertThat(Npy.read(file).dtype()).isEqualTo(NpyType.INT32);
        assertThat(codec.read(file).frame(1)).containsExactly(Arrays.copyOfRange(values, 8, 16));
        FloatTrajectory fractional = new FloatTrajectory(new long[] {2, 2, 2}, 1, new float[] {0, 0.5f, 0, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> codec.write(dir.resolve("bad.npy"), fractional))
                .hasMessageContaining("not a whole number").hasMessageContaining("bad.npy");
        assertThatThrownBy(() -> new NpyTrajectoryCodec(new long[] {2}, new int[] {0, 1}, NpyType.BOOL))
                .hasMessageContaining("fileType");
    }
}
