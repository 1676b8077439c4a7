package org.epnsj.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TensorArchiveTest {

    @TempDir
    Path dir;

    private Path file;
    private byte[] bytes;

    private static final JsonObject METADATA = JsonParser.parseString(
            "{\"epoch\": 3, \"model\": \"epns\", \"rng\": {\"seed\": -7}, \"lr\": 1e-4, \"note\": \"<ü>\"}")
            .getAsJsonObject();

    private static List<NamedTensor> tensors() {
        float[] w = new float[1000];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.sin(i);
        }
        return List.of(
                NamedTensor.ofFloats("layer1.weight", new long[] {10, 100}, w),
                NamedTensor.ofDoubles("scalar", new long[0], new double[] {Math.E}),
                NamedTensor.ofLongs("rng.state", new long[] {3}, new long[] {Long.MIN_VALUE, -1, 42}),
                NamedTensor.ofFloats("empty", new long[] {0, 4}, new float[0]),
                NamedTensor.ofFloats("layer0.bias", new long[] {2}, new float[] {1.5f, -0f}));
    }

    @BeforeEach
    void writeArchive() throws IOException {
        file = dir.resolve("ckpt.epns");
        TensorArchive.write(file, METADATA, tensors());
        bytes = Files.readAllBytes(file);
    }

    @Test
    void roundTripKeepsMetadataValuesAndOrder() throws IOException {
        TensorArchive.Contents c = TensorArchive.read(file);
        assertThat(c.metadata()).isEqualTo(METADATA);
        assertThat(c.tensors().keySet()).containsExactly("layer1.weight", "scalar", "rng.state", "empty", "layer0.bias");
        assertThat(List.copyOf(c.tensors().values())).isEqualTo(tensors());
        assertThat(c.tensors().get("rng.state").longs()).containsExactly(Long.MIN_VALUE, -1, 42);
        assertThatThrownBy(() -> c.tensors().get("scalar").floats())
                .hasMessage("tensor 'scalar' is FLOAT64, not FLOAT32");
    }

    @Test
    void layoutIsAsDocumented() {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(bytes, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("EPNSARC1");
        assertThat(b.getInt(8)).isEqualTo(1);
        int headerLength = b.getInt(12);
        JsonObject header = JsonParser.parseString(new String(bytes, 16, headerLength, StandardCharsets.UTF_8))
                .getAsJsonObject();
        assertThat(header.getAsJsonArray("tensors").get(2).toString())
                .isEqualTo("{\"name\":\"rng.state\",\"dtype\":\"int64\",\"shape\":[3],\"offset\":4008,\"length\":24}");
        assertThat(bytes.length).isEqualTo(16 + headerLength + 4000 + 8 + 24 + 0 + 8 + 4);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        assertThat(Integer.toUnsignedLong(b.getInt(bytes.length - 4))).isEqualTo(crc.getValue());
    }

    @Test
    void emptyArchiveAndNullMetadata() throws IOException {
        TensorArchive.write(file, null, List.of());
        TensorArchive.Contents c = TensorArchive.read(file);
        assertThat(c.metadata().size()).isZero();
        assertThat(c.tensors()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 8, 12, 19, 40, -2000, -5, -4, -1})
    void truncationIsReported(int cut) throws IOException {
        int length = cut > 0 ? cut : bytes.length + cut;
        Files.write(file, Arrays.copyOf(bytes, length));
        assertThatThrownBy(() -> TensorArchive.read(file)).isInstanceOf(CorruptArchiveException.class)
                .hasMessageStartingWith(file + ": truncated");
        if (cut < 0) {
            assertThatThrownBy(() -> TensorArchive.read(file))
                    .hasMessage(file + ": truncated: expected " + bytes.length + " bytes, found " + length);
        }
    }

    @Test
    void zeroLengthFile() throws IOException {
        Files.write(file, new byte[0]);
        assertThatThrownBy(() -> TensorArchive.read(file)).isInstanceOf(CorruptArchiveException.class)
                .hasMessage(file + ": not an EPNS-J archive: the file is empty");
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 40, -100, -3})
    void flippedByteFailsTheChecksum(int position) throws IOException {
        int at = position >= 0 ? position : bytes.length + position;
        byte[] bad = bytes.clone();
        bad[at] ^= 0x10;
        Files.write(file, bad);
        assertThatThrownBy(() -> TensorArchive.read(file)).isInstanceOf(CorruptArchiveException.class)
                .hasMessageStartingWith(file + ": checksum mismatch").hasMessageContaining("the file is corrupt");
    }

    @Test
    void foreignFilesAreRecognised() throws IOException {
        Path npy = dir.resolve("weights.npy");
        Npy.write(npy, NpyArray.ofFloats(new long[] {3}, new float[3]));
        assertThatThrownBy(() -> TensorArchive.read(npy)).isInstanceOf(CorruptArchiveException.class)
                .hasMessage(npy + ": not an EPNS-J archive (it does not start with EPNSARC1)");
        Path text = dir.resolve("short.txt");
        Files.writeString(text, "EP");
        assertThatThrownBy(() -> TensorArchive.read(text)).hasMessageContaining("truncated");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> TensorArchive.read(text)).hasMessageContaining("not an EPNS-J archive");
    }

    @Test
    void newerVersionIsNamed() throws IOException {
        Files.write(file, archive(2, "{}", new byte[0]));
        assertThatThrownBy(() -> TensorArchive.read(file)).isInstanceOf(CorruptArchiveException.class)
                .hasMessage(file + ": archive format version 2 is newer than this EPNS-J reads (1); use a newer EPNS-J");
    }

    @Test
    void malformedHeadersWithAGoodChecksum() throws IOException {
        assertMalformed("{\"metadata\": {}, \"tensors\": [", "not valid JSON");
        assertMalformed("[1, 2]", "not a JSON object");
        assertMalformed("{\"metadata\": {}, \"tensors\": {}}", "'tensors' must be an array");
        assertMalformed("{\"metadata\": 3, \"tensors\": []}", "'metadata' must be an object");
        assertMalformed("{\"metadata\": {}, \"tensors\": [{\"name\": \"a\", \"dtype\": \"int32\", \"shape\": [1],"
                + " \"offset\": 0, \"length\": 4}]}", "tensor 'a' has an unknown dtype 'int32'");
        assertMalformed("{\"metadata\": {}, \"tensors\": [{\"name\": \"a\", \"dtype\": \"float32\", \"shape\": [1.5],"
                + " \"offset\": 0, \"length\": 4}]}", "tensor 'a' shape must be a non-negative integer, got 1.5");
        assertMalformed("{\"metadata\": {}, \"tensors\": [{\"name\": \"a\", \"dtype\": \"float32\", \"shape\": [2],"
                + " \"offset\": 0, \"length\": 4}]}", "needs 8 bytes, the table says 4");
        assertMalformed("{metadata: {}, tensors: []}", "not valid JSON");
    }

    private void assertMalformed(String header, String problem) throws IOException {
        Files.write(file, archive(1, header, new byte[8]));
        assertThatThrownBy(() -> TensorArchive.read(file)).isInstanceOf(CorruptArchiveException.class)
                .hasMessageStartingWith(file + ": malformed header: ").hasMessageContaining(problem);
    }

    @Test
    void trailingBytesWithAGoodChecksum() throws IOException {
        Files.write(file, archive(1, "{\"metadata\": {}, \"tensors\": []}", new byte[3]));
        assertThatThrownBy(() -> TensorArchive.read(file)).hasMessageContaining("3 unexpected bytes after");
    }

    @Test
    void writerRejectsDuplicateNamesAndOtherDtypes() {
        NamedTensor a = NamedTensor.ofFloats("a", new long[] {1}, new float[1]);
        assertThatThrownBy(() -> TensorArchive.write(dir.resolve("x"), null, List.of(a, a)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two tensors are named 'a'");
        assertThatThrownBy(() -> new NamedTensor("b", new long[] {1}, NpyType.INT32, new int[1]))
                .hasMessage("tensor 'b' has dtype INT32; an archive holds [FLOAT32, FLOAT64, INT64]");
        assertThatThrownBy(() -> NamedTensor.ofFloats("c", new long[] {2}, new float[1]))
                .hasMessage("tensor 'c': shape [2] needs 2 values, data has 1");
        assertThatThrownBy(() -> NamedTensor.ofFloats(" ", new long[] {1}, new float[1]))
                .hasMessageContaining("must not be blank");
    }

    /** A hand-made archive with a correct checksum. */
    private static byte[] archive(int version, String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("EPNSARC1".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(version).putInt(h.length).array());
        out.writeBytes(h);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(out.toByteArray());
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }
}
