package org.epnsj.runtime.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The container format of checkpoints: JSON metadata plus named tensors, checksummed.
 *
 * <p>Layout, all integers little-endian:
 * <ol>
 *   <li>8 bytes magic {@code EPNSARC1};
 *   <li>int32 format version, currently {@value #VERSION};
 *   <li>int32 length of the header in bytes;
 *   <li>the header, UTF-8 JSON: {@code {"metadata": {...}, "tensors": [{"name", "dtype" (float32,
 *       float64 or int64), "shape", "offset", "length"}, ...]}}, offsets and lengths in bytes from
 *       the start of the data section, tensors contiguous in table order;
 *   <li>the data section: each tensor's raw values in C order;
 *   <li>the CRC32 of all bytes before it, as an unsigned int32.
 * </ol>
 */
public final class TensorArchive {

    /** The format version this code writes and reads. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = "EPNSARC1".getBytes(StandardCharsets.US_ASCII);
    private static final int PREAMBLE = 16;
    private static final int CRC_BYTES = 4;
    private static final int BUFFER = 1 << 16;
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private TensorArchive() {}

    /**
     * The contents of an archive.
     *
     * @param metadata the metadata object
     * @param tensors the tensors by name, in file order
     */
    public record Contents(JsonObject metadata, LinkedHashMap<String, NamedTensor> tensors) {

        /** Copies the metadata and the map. */
        public Contents {
            metadata = Objects.requireNonNull(metadata, "metadata").deepCopy();
            tensors = new LinkedHashMap<>(Objects.requireNonNull(tensors, "tensors"));
        }
    }

    /**
     * Writes an archive atomically (see {@link AtomicFiles}).
     *
     * @param metadata any JSON object, or null for none
     * @param tensors the tensors, in the order to store them; names must be unique
     * @throws IllegalArgumentException if two tensors share a name
     */
    public static void write(Path file, JsonObject metadata, List<NamedTensor> tensors) throws IOException {
        Set<String> names = new HashSet<>();
        JsonArray table = new JsonArray();
        long offset = 0;
        for (NamedTensor t : tensors) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("cannot write " + file + ": two tensors are named '"
                        + t.name() + "'");
            }
            long length = (long) t.size() * t.dtype().itemSize();
            JsonObject entry = new JsonObject();
            entry.addProperty("name", t.name());
            entry.addProperty("dtype", t.dtype().name().toLowerCase(Locale.ROOT));
            JsonArray shape = new JsonArray();
            for (long d : t.shape()) {
                shape.add(d);
            }
            entry.add("shape", shape);
            entry.addProperty("offset", offset);
            entry.addProperty("length", length);
            table.add(entry);
            offset += length;
        }
        JsonObject header = new JsonObject();
        header.add("metadata", metadata == null ? new JsonObject() : metadata.deepCopy());
        header.add("tensors", table);
        byte[] headerBytes = GSON.toJson(header).getBytes(StandardCharsets.UTF_8);
        List<NamedTensor> copy = List.copyOf(tensors);
        AtomicFiles.write(file, out -> {
            CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32());
            checked.write(ByteBuffer.allocate(PREAMBLE).order(ByteOrder.LITTLE_ENDIAN)
                    .put(MAGIC).putInt(VERSION).putInt(headerBytes.length).array());
            checked.write(headerBytes);
            for (NamedTensor t : copy) {
                Binary.write(checked, t.dtype(), t.data());
            }
            int crc = (int) checked.getChecksum().getValue();
            out.write(ByteBuffer.allocate(CRC_BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(crc).array());
        });
    }

    /**
     * Reads an archive and verifies its checksum.
     *
     * @throws CorruptArchiveException naming the file if it is not an archive, of a newer format
     *     version, truncated, fails its checksum or has a malformed header
     * @throws NoSuchFileException if the file does not exist
     */
    public static Contents read(Path file) throws IOException {
        long size = Npy.sizeOf(file);
        if (size == 0) {
            throw new CorruptArchiveException(file, "not an EPNS-J archive: the file is empty");
        }
        CRC32 crc = new CRC32();
        try (CheckedInputStream in = new CheckedInputStream(
                new BufferedInputStream(Files.newInputStream(file), BUFFER), crc)) {
            byte[] magic = in.readNBytes(MAGIC.length);
            for (int i = 0; i < magic.length; i++) {
                if (magic[i] != MAGIC[i]) {
                    throw new CorruptArchiveException(file, "not an EPNS-J archive (it does not start with EPNSARC1)");
                }
            }
            long minimum = PREAMBLE + CRC_BYTES;
            if (size < minimum) {
                throw truncated(file, minimum, size);
            }
            ByteBuffer pre = ByteBuffer.wrap(in.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN);
            int version = pre.getInt();
            int headerLength = pre.getInt();
            if (version > VERSION) {
                throw new CorruptArchiveException(file, "archive format version " + version
                        + " is newer than this EPNS-J reads (" + VERSION + "); use a newer EPNS-J");
            }
            if (version < 1) {
                throw new CorruptArchiveException(file, "invalid archive format version " + version
                        + "; the file is corrupt");
            }
            long dataStart = PREAMBLE + (headerLength & 0xffffffffL);
            if (headerLength < 0 || dataStart + CRC_BYTES > size) {
                throw new CorruptArchiveException(file, "truncated or corrupt: the header length "
                        + Integer.toUnsignedString(headerLength) + " does not fit in the file's " + size + " bytes");
            }
            byte[] headerBytes = in.readNBytes(headerLength);
            List<Entry> table;
            JsonObject metadata;
            try {
                JsonObject header = parseJson(headerBytes);
                metadata = header.get("metadata") instanceof JsonObject m ? m
                        : fail("'metadata' must be an object");
                table = parseTable(header);
            } catch (IllegalArgumentException e) {
                // A flipped bit garbles the header too: only a good checksum makes it "malformed".
                skipToChecksum(in, size - dataStart - CRC_BYTES);
                checkCrc(file, in, crc);
                throw new CorruptArchiveException(file, "malformed header: " + e.getMessage(), e);
            }
            long dataLength = table.isEmpty() ? 0 : table.get(table.size() - 1).end();
            long expected = dataStart + dataLength + CRC_BYTES;
            if (size < expected) {
                throw truncated(file, expected, size);
            }
            if (size > expected) {
                skipToChecksum(in, size - dataStart - CRC_BYTES);
                checkCrc(file, in, crc);
                throw new CorruptArchiveException(file, (size - expected) + " unexpected bytes after the "
                        + expected + " the header describes");
            }
            LinkedHashMap<String, NamedTensor> tensors = new LinkedHashMap<>();
            for (Entry e : table) {
                Object data = Binary.read(in, e.dtype, ByteOrder.LITTLE_ENDIAN, Axes.size(e.shape));
                tensors.put(e.name, new NamedTensor(e.name, e.shape, e.dtype, data));
            }
            checkCrc(file, in, crc);
            return new Contents(metadata, tensors);
        } catch (EOFException e) {
            throw new CorruptArchiveException(file, "truncated while reading (was the file being written?)", e);
        }
    }

    private static CorruptArchiveException truncated(Path file, long expected, long actual) {
        return new CorruptArchiveException(file, "truncated: expected " + expected + " bytes, found " + actual);
    }

    /** Reads past {@code n} bytes so the checksum covers them. */
    private static void skipToChecksum(CheckedInputStream in, long n) throws IOException {
        // CheckedInputStream.skip reads the skipped bytes, so they are checksummed.
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                throw new EOFException();
            }
            left -= skipped;
        }
    }

    /** Compares the CRC of everything read so far with the stored one, which comes next. */
    private static void checkCrc(Path file, CheckedInputStream in, CRC32 crc) throws IOException {
        long computed = crc.getValue();
        byte[] stored = in.readNBytes(CRC_BYTES);
        if (stored.length < CRC_BYTES) {
            throw new EOFException();
        }
        long expected = Integer.toUnsignedLong(ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN).getInt());
        if (expected != computed) {
            throw new CorruptArchiveException(file, String.format(Locale.ROOT,
                    "checksum mismatch (stored %08x, computed %08x): the file is corrupt", expected, computed));
        }
    }

    /** One row of the tensor table. */
    private record Entry(String name, NpyType dtype, long[] shape, long offset, long length) {
        long end() {
            return offset + length;
        }
    }

    /** Parses strict JSON, so garbage is never "leniently" accepted. */
    private static JsonObject parseJson(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return fail("not valid UTF-8");
        }
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                return fail("text after the JSON object");
            }
            return root instanceof JsonObject o ? o : fail("not a JSON object");
        } catch (RuntimeException | IOException e) {
            // Gson reports syntax errors as unchecked exceptions of several types.
            return fail("not valid JSON (" + ErrorText.json(e) + ")");
        }
    }

    private static List<Entry> parseTable(JsonObject header) {
        if (!(header.get("tensors") instanceof JsonArray rows)) {
            return fail("'tensors' must be an array");
        }
        List<Entry> table = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (JsonElement row : rows) {
            if (!(row instanceof JsonObject o)) {
                return fail("a 'tensors' entry is not an object");
            }
            String name = string(o, "name");
            String shownName = ErrorText.shown(name, 60);
            if (name.isBlank()) {
                return fail("a tensor has a blank name");
            }
            if (!names.add(name)) {
                return fail("two tensors are named '" + shownName + "'");
            }
            String dtypeName = string(o, "dtype");
            NpyType dtype = NamedTensor.DTYPES.stream()
                    .filter(t -> t.name().toLowerCase(Locale.ROOT).equals(dtypeName)).findFirst()
                    .orElseGet(() -> fail("tensor '" + shownName + "' has an unknown dtype '"
                            + ErrorText.shown(dtypeName, 40) + "'"));
            if (!(o.get("shape") instanceof JsonArray dims)) {
                return fail("tensor '" + shownName + "' has no 'shape' array");
            }
            long[] shape = new long[dims.size()];
            for (int k = 0; k < shape.length; k++) {
                shape[k] = exactLong(dims.get(k), "tensor '" + shownName + "' shape");
            }
            int count;
            try {
                count = Axes.size(shape);
            } catch (IllegalArgumentException e) {
                return fail("tensor '" + shownName + "': " + e.getMessage());
            }
            long start = exactLong(o.get("offset"), "tensor '" + shownName + "' offset");
            long length = exactLong(o.get("length"), "tensor '" + shownName + "' length");
            if (start != offset) {
                return fail("tensor '" + shownName + "' starts at " + start + ", expected " + offset);
            }
            if (length != (long) count * dtype.itemSize()) {
                return fail("tensor '" + shownName + "' of shape " + java.util.Arrays.toString(shape) + " " + dtypeName
                        + " needs " + (long) count * dtype.itemSize() + " bytes, the table says " + length);
            }
            table.add(new Entry(name, dtype, shape, start, length));
            offset += length;
        }
        return table;
    }

    private static String string(JsonObject o, String key) {
        if (o.get(key) instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        return fail("a 'tensors' entry has no string '" + key + "'");
    }

    /** A non-negative integer, rejecting fractions that Gson's getAsLong would truncate. */
    private static long exactLong(JsonElement e, String what) {
        if (e instanceof JsonPrimitive p && p.isNumber()) {
            try {
                long v = new BigDecimal(p.getAsString()).longValueExact();
                if (v >= 0) {
                    return v;
                }
            } catch (ArithmeticException | NumberFormatException ignored) {
                // reported below
            }
        }
        return fail(what + " must be a non-negative integer, got " + ErrorText.shown(e, 40));
    }

    private static <T> T fail(String problem) {
        throw new IllegalArgumentException(problem);
    }
}
