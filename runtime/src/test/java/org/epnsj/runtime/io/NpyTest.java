package org.epnsj.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.epnsj.api.data.InvalidDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NpyTest {

    @TempDir
    Path dir;

    /** Six values of each dtype, including its extremes. */
    static NpyArray sample(NpyType type) {
        long[] shape = {2, 3};
        Object data = switch (type) {
            case FLOAT32 -> new float[] {0f, -1.5f, Float.MAX_VALUE, Float.MIN_VALUE, 3e-8f, 42f};
            case FLOAT64 -> new double[] {0, -1.5, Double.MAX_VALUE, Double.MIN_VALUE, Math.PI, 1e300};
            case INT8 -> new byte[] {0, -1, Byte.MIN_VALUE, Byte.MAX_VALUE, 5, -7};
            case UINT8 -> new byte[] {0, 1, (byte) 255, (byte) 128, 127, 9};
            case INT16 -> new short[] {0, -1, Short.MIN_VALUE, Short.MAX_VALUE, 300, -300};
            case INT32 -> new int[] {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 70000, -70000};
            case INT64 -> new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 40, -(1L << 40)};
            case BOOL -> new boolean[] {true, false, false, true, true, false};
        };
        return new NpyArray(shape, type, data);
    }

    @ParameterizedTest
    @EnumSource(NpyType.class)
    void roundTripsEveryDtype(NpyType type) throws IOException {
        Path file = dir.resolve(type + ".npy");
        NpyArray a = sample(type);
        Npy.write(file, a);
        assertThat(Npy.read(file)).isEqualTo(a);

        byte[] bytes = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        int headerEnd = 10 + (bytes[8] & 0xff | (bytes[9] & 0xff) << 8);
        assertThat(headerEnd % 64).isZero();
        assertThat(bytes[headerEnd - 1]).isEqualTo((byte) '\n');
        assertThat(bytes.length - headerEnd).isEqualTo(6 * type.itemSize());
        String header = new String(bytes, 10, headerEnd - 10, StandardCharsets.ISO_8859_1);
        assertThat(header).startsWith("{'descr': '" + type.littleEndianDescr() + "', 'fortran_order': False, "
                + "'shape': (2, 3), }");
    }

    @Test
    void writesNumpysHeaderForOneDZeroDAndEmptyArrays() throws IOException {
        assertThat(roundTripHeader(NpyArray.ofFloats(new long[] {4}, new float[4]))).contains("'shape': (4,)");
        assertThat(roundTripHeader(NpyArray.ofDoubles(new long[0], new double[] {2.5}))).contains("'shape': ()");
        assertThat(roundTripHeader(NpyArray.ofInts(new long[] {0}, new int[0]))).contains("'shape': (0,)");
        assertThat(roundTripHeader(NpyArray.ofLongs(new long[] {3, 0}, new long[0]))).contains("'shape': (3, 0)");
    }

    private String roundTripHeader(NpyArray a) throws IOException {
        Path file = dir.resolve("a.npy");
        Npy.write(file, a);
        NpyArray back = Npy.read(file);
        assertThat(back).isEqualTo(a);
        long headerSize = Files.size(file) - (long) a.size() * a.dtype().itemSize();
        assertThat(headerSize % 64).isZero();
        return new String(Files.readAllBytes(file), 10, (int) headerSize - 10, StandardCharsets.ISO_8859_1);
    }

    @Test
    void zeroDimensionalValueSurvives() throws IOException {
        Path file = dir.resolve("scalar.npy");
        Npy.write(file, NpyArray.ofDoubles(new long[0], new double[] {2.5}));
        NpyArray back = Npy.read(file);
        assertThat(back.shape()).isEmpty();
        assertThat(back.toDoubleArray()).containsExactly(2.5);
    }

    @Test
    void writesVersion2WhenTheHeaderOutgrows64KiB() throws IOException {
        long[] shape = new long[30_000];
        Arrays.fill(shape, 1);
        NpyArray a = NpyArray.ofFloats(shape, new float[] {7f});
        Path file = dir.resolve("deep.npy");
        Npy.write(file, a);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[6]).isEqualTo((byte) 2);
        assertThat((bytes.length - 4) % 64).isZero();
        assertThat(Npy.read(file)).isEqualTo(a);
    }

    @Test
    void readsLittleEndianFixture() throws IOException {
        ByteBuffer data = le(6 * 4);
        for (int i = 0; i < 6; i++) {
            data.putFloat(i + 0.5f);
        }
        NpyArray a = read(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", data.array()));
        assertThat(a.dtype()).isEqualTo(NpyType.FLOAT32);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.toFloatArray()).containsExactly(0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f);
    }

    @Test
    void readsBigEndianFixtures() throws IOException {
        ByteBuffer f8 = ByteBuffer.allocate(3 * 8).order(ByteOrder.BIG_ENDIAN);
        f8.putDouble(1.25).putDouble(-2).putDouble(1e-300);
        NpyArray a = read(npy(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (3,), }", f8.array()));
        assertThat(a.dtype()).isEqualTo(NpyType.FLOAT64);
        assertThat(a.toDoubleArray()).containsExactly(1.25, -2, 1e-300);

        ByteBuffer i4 = ByteBuffer.allocate(2 * 4).order(ByteOrder.BIG_ENDIAN);
        i4.putInt(0x01020304).putInt(-5);
        NpyArray b = read(npy(1, "{'descr': '>i4', 'fortran_order': False, 'shape': (2,), }", i4.array()));
        assertThat(b.toLongArray()).containsExactly(0x01020304, -5);

        ByteBuffer i2 = ByteBuffer.allocate(2 * 2).order(ByteOrder.BIG_ENDIAN);
        i2.putShort((short) 0x0102).putShort((short) -2);
        NpyArray c = read(npy(1, "{'descr': '>i2', 'fortran_order': False, 'shape': (2,), }", i2.array()));
        assertThat(c.dtype()).isEqualTo(NpyType.INT16);
        assertThat(c.toLongArray()).containsExactly(0x0102, -2);
    }

    @Test
    void readsOneByteTypesAndPython2Headers() throws IOException {
        NpyArray u1 = read(npy(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (2L,), }",
                new byte[] {(byte) 200, 3}));
        assertThat(u1.dtype()).isEqualTo(NpyType.UINT8);
        assertThat(u1.toLongArray()).containsExactly(200, 3);
        NpyArray b1 = read(npy(1, "{\"descr\": \"|b1\", \"shape\": (3,), \"fortran_order\": False}",
                new byte[] {1, 0, 2}));
        assertThat(b1.data()).isEqualTo(new boolean[] {true, false, true});
        assertThat(b1.toFloatArray()).containsExactly(1f, 0f, 1f);
    }

    @Test
    void readsFortranOrderIntoCOrder() throws IOException {
        // A (2, 3, 4) array a[i, j, k] = 100 i + 10 j + k, stored column-major: i varies fastest.
        ByteBuffer data = le(24 * 8);
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 2; i++) {
                    data.putLong(100 * i + 10 * j + k);
                }
            }
        }
        NpyArray a = read(npy(1, "{'descr': '<i8', 'fortran_order': True, 'shape': (2, 3, 4), }", data.array()));
        assertThat(a.shape()).containsExactly(2, 3, 4);
        long[] values = a.toLongArray();
        int n = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertThat(values[n++]).isEqualTo(100 * i + 10 * j + k);
                }
            }
        }
    }

    @Test
    void readsVersions2And3() throws IOException {
        byte[] data = le(4).putInt(9).array();
        String header = "{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }";
        assertThat(read(npy(2, header, data)).toLongArray()).containsExactly(9);
        assertThat(read(npy(3, header, data)).toLongArray()).containsExactly(9);
    }

    @Test
    void truncatedDataSaysExpectedAndFound() throws IOException {
        Path file = dir.resolve("t.npy");
        Npy.write(file, NpyArray.ofFloats(new long[] {2, 3}, new float[6]));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));
        assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("truncated: expected 24 data bytes for shape [2, 3] of <f4, found 20");

        Files.write(file, Arrays.copyOf(bytes, 40));
        assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("truncated: the header needs 128 bytes, the file has 40");

        Files.write(file, Arrays.copyOf(bytes, 7));
        assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void trailingBytesAreReported() throws IOException {
        Path file = dir.resolve("t.npy");
        Npy.write(file, NpyArray.ofFloats(new long[] {2}, new float[2]));
        Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("3 unexpected bytes after the 8 data bytes");
    }

    @Test
    void garbageEmptyAndMissingFilesAreNamed() throws IOException {
        Path garbage = dir.resolve("garbage.npy");
        Files.writeString(garbage, "this is a CSV file,1,2,3\n");
        assertThatThrownBy(() -> Npy.read(garbage)).isInstanceOf(InvalidDataException.class)
                .hasMessage(garbage + ": not an .npy file (it does not start with \\x93NUMPY)");

        Path empty = dir.resolve("empty.npy");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> Npy.read(empty)).isInstanceOf(InvalidDataException.class)
                .hasMessage(empty + ": not an .npy file: the file is empty");

        Path missing = dir.resolve("missing.npy");
        assertThatThrownBy(() -> Npy.read(missing)).isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing + ": file does not exist");
        assertThatThrownBy(() -> Npy.read(dir)).isInstanceOf(InvalidDataException.class)
                .hasMessage(dir + ": is a folder, not a file");
    }

    @Test
    void unsupportedDtypesAreNamed() {
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }",
                new byte[8]))).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("unsupported dtype '<c8'").hasMessageContaining("supported: f4");
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }",
                new byte[12]))).hasMessageContaining("unsupported dtype '<U3'");
        assertThatThrownBy(() -> read(npy(1,
                "{'descr': [('x', '<f4'), ('y', '<f4')], 'fortran_order': False, 'shape': (1,), }", new byte[8])))
                .hasMessageContaining("unsupported dtype").hasMessageContaining("structured");
        assertThatThrownBy(() -> read(npy(1, "{'descr': '|f4', 'fortran_order': False, 'shape': (1,), }",
                new byte[4]))).hasMessageContaining("unsupported dtype '|f4'");
    }

    @Test
    void malformedHeadersAndVersionsAreReported() {
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<f4', 'shape': (1,), }", new byte[4])))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("malformed .npy header: it must have exactly the keys");
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,", new byte[4])))
                .hasMessageContaining("malformed .npy header").hasMessageContaining("at character");
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }", new byte[4])))
                .hasMessageContaining("'fortran_order' must be True or False");
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }",
                new byte[4]))).hasMessageContaining("non-negative integers");
        assertThatThrownBy(() -> read(npy(1, "(" .repeat(100), new byte[0])))
                .hasMessageContaining("malformed .npy header");
        assertThatThrownBy(() -> read(npy(4, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
                new byte[4]))).hasMessageContaining("unsupported .npy format version 4.0");
    }

    @Test
    void conversionsBetweenKinds() {
        NpyArray u = sample(NpyType.UINT8);
        assertThat(u.toFloatArray()).containsExactly(0f, 1f, 255f, 128f, 127f, 9f);
        NpyArray whole = NpyArray.ofDoubles(new long[] {2}, new double[] {3, -4});
        assertThat(whole.toLongArray()).containsExactly(3, -4);
        NpyArray frac = NpyArray.ofFloats(new long[] {2, 2}, new float[] {1, 2, 3, 2.5f});
        assertThatThrownBy(frac::toLongArray).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("element [1, 1] of a FLOAT32 array is 2.5");
        assertThatThrownBy(() -> NpyArray.ofDoubles(new long[] {0x1p63 > 0 ? 1 : 0}, new double[] {0x1p63})
                .toLongArray()).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void constructorNamesTheMismatch() {
        assertThatThrownBy(() -> NpyArray.ofFloats(new long[] {2, 3}, new float[5]))
                .hasMessage("shape [2, 3] needs 6 values, data has 5");
        assertThatThrownBy(() -> new NpyArray(new long[] {1}, NpyType.INT32, new long[1]))
                .hasMessage("data of dtype INT32 must be a int[], got long[]");
        assertThatThrownBy(() -> NpyArray.ofFloats(new long[] {-1}, new float[0]))
                .hasMessageContaining("negative dimension");
    }

    private NpyArray read(byte[] bytes) throws IOException {
        Path file = dir.resolve("fixture.npy");
        Files.write(file, bytes);
        return Npy.read(file);
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A hand-made .npy file: magic, version, header length, header plus newline, data. */
    static byte[] npy(int major, String header, byte[] data) {
        byte[] h = (header + "\n").getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            out.writeBytes(le(2).putShort((short) h.length).array());
        } else {
            out.writeBytes(le(4).putInt(h.length).array());
        }
        out.writeBytes(h);
        out.writeBytes(data);
        return out.toByteArray();
    }
}
