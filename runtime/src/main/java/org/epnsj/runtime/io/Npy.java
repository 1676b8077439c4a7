package org.epnsj.runtime.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.epnsj.api.data.InvalidDataException;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) of the dtypes in
 * {@link NpyType}, in either byte order and either memory order; arrays are returned in C order.
 * Writes little-endian C-order files of version 1.0, or 2.0 if the header is longer than 64 KiB,
 * which {@code numpy.load} reads.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    /** Far above any real header; stops a corrupt length from allocating gigabytes. */
    private static final long MAX_HEADER = 1 << 24;
    private static final int BUFFER = 1 << 16;

    private Npy() {}

    /**
     * Reads an array, converting Fortran-order data to C order.
     *
     * @throws InvalidDataException naming the file if it is not an {@code .npy} file, has a
     *     malformed header, an unsupported dtype, or too few or too many data bytes
     * @throws NoSuchFileException if the file does not exist
     */
    public static NpyArray read(Path file) throws IOException {
        long fileSize = sizeOf(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            Header h = readHeader(file, in, fileSize);
            int count = Axes.size(h.shape);
            long expected = (long) count * h.type.itemSize();
            long found = fileSize - h.dataOffset;
            if (found < expected) {
                throw new InvalidDataException(file, "truncated: expected " + expected + " data bytes for shape "
                        + Arrays.toString(h.shape) + " of " + h.descr + ", found " + found);
            }
            if (found > expected) {
                throw new InvalidDataException(file, (found - expected) + " unexpected bytes after the "
                        + expected + " data bytes of shape " + Arrays.toString(h.shape) + " of " + h.descr);
            }
            Object data;
            try {
                data = Binary.read(in, h.type, h.order, count);
            } catch (java.io.EOFException e) {
                throw new InvalidDataException(file, "truncated while reading (was the file being written?)", e);
            }
            if (!h.fortranOrder || h.shape.length < 2) {
                return new NpyArray(h.shape, h.type, data);
            }
            // Fortran order is C order of the reversed shape; reversing the axes restores the shape.
            int rank = h.shape.length;
            long[] reversed = new long[rank];
            int[] reverse = new int[rank];
            for (int k = 0; k < rank; k++) {
                reversed[k] = h.shape[rank - 1 - k];
                reverse[k] = rank - 1 - k;
            }
            return new NpyArray(reversed, h.type, data).transpose(reverse);
        }
    }

    /**
     * Writes an array atomically (see {@link AtomicFiles}) as a little-endian C-order {@code .npy}
     * file.
     */
    public static void write(Path file, NpyArray array) throws IOException {
        byte[] header = header(array);
        AtomicFiles.write(file, out -> {
            out.write(header);
            Binary.write(out, array.dtype(), array.data());
        });
    }

    /** The file's size; a missing file or a folder is reported as such, not as a bare path. */
    static long sizeOf(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new InvalidDataException(file, "is a folder, not a file");
        }
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "file does not exist");
        }
    }

    /** The parsed header; {@code dataOffset} is where the data starts. */
    private record Header(String descr, NpyType type, ByteOrder order, boolean fortranOrder, long[] shape,
            long dataOffset) {}

    private static Header readHeader(Path file, InputStream in, long fileSize) throws IOException {
        byte[] pre = in.readNBytes(8);
        if (pre.length == 0) {
            throw new InvalidDataException(file, "not an .npy file: the file is empty");
        }
        for (int i = 0; i < Math.min(pre.length, MAGIC.length); i++) {
            if (pre[i] != MAGIC[i]) {
                throw new InvalidDataException(file, "not an .npy file (it does not start with \\x93NUMPY)");
            }
        }
        if (pre.length < 8) {
            throw new InvalidDataException(file, "truncated: " + fileSize + " bytes, too short for an .npy header");
        }
        int major = pre[6] & 0xff;
        int minor = pre[7] & 0xff;
        if (minor != 0 || major < 1 || major > 3) {
            throw new InvalidDataException(file, "unsupported .npy format version " + major + "." + minor
                    + " (this reader knows 1.0, 2.0 and 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] len = in.readNBytes(lengthBytes);
        if (len.length < lengthBytes) {
            throw new InvalidDataException(file, "truncated: " + fileSize + " bytes, too short for an .npy header");
        }
        ByteBuffer lb = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? Short.toUnsignedInt(lb.getShort()) : Integer.toUnsignedLong(lb.getInt());
        long dataOffset = 8 + lengthBytes + headerLength;
        if (headerLength > MAX_HEADER) {
            throw new InvalidDataException(file, "malformed .npy header: its length " + headerLength
                    + " is implausibly large");
        }
        if (dataOffset > fileSize) {
            throw new InvalidDataException(file, "truncated: the header needs " + dataOffset
                    + " bytes, the file has " + fileSize);
        }
        byte[] raw = in.readNBytes((int) headerLength);
        if (raw.length < headerLength) {
            throw new InvalidDataException(file, "truncated while reading the header");
        }
        // Versions 1 and 2 store the header in latin-1, version 3 in UTF-8.
        String text = new String(raw, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parseHeader(file, text, dataOffset);
    }

    private static Header parseHeader(Path file, String text, long dataOffset) throws InvalidDataException {
        Object parsed;
        try {
            parsed = PyLiteral.parse(text);
        } catch (IllegalArgumentException e) {
            throw malformed(file, text, e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> dict)) {
            throw malformed(file, text, "it is not a dict");
        }
        if (!dict.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
            throw malformed(file, text, "it must have exactly the keys 'descr', 'fortran_order' and 'shape'");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw malformed(file, text, "'fortran_order' must be True or False");
        }
        if (!(dict.get("shape") instanceof List<?> dims)) {
            throw malformed(file, text, "'shape' must be a tuple of integers");
        }
        long[] shape = new long[dims.size()];
        for (int k = 0; k < shape.length; k++) {
            if (!(dims.get(k) instanceof Long d) || d < 0) {
                throw malformed(file, text, "'shape' must be a tuple of non-negative integers");
            }
            shape[k] = d;
        }
        try {
            Axes.size(shape);
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(file, e.getMessage());
        }
        Object descr = dict.get("descr");
        if (!(descr instanceof String d)) {
            throw new InvalidDataException(file, "unsupported dtype " + describe(descr)
                    + " (structured dtypes are not supported); " + SUPPORTED);
        }
        ByteOrder order;
        switch (d.isEmpty() ? ' ' : d.charAt(0)) {
            case '<' -> order = ByteOrder.LITTLE_ENDIAN;
            case '>' -> order = ByteOrder.BIG_ENDIAN;
            case '=', '|' -> order = ByteOrder.nativeOrder();
            default -> order = null;
        }
        NpyType type = order == null ? null : NpyType.ofCode(d.substring(1));
        // '|' means "not applicable", which only makes sense for one-byte types.
        if (type == null || d.charAt(0) == '|' && type.itemSize() > 1) {
            throw new InvalidDataException(file, "unsupported dtype '" + ErrorText.shown(d, 40) + "'; " + SUPPORTED);
        }
        return new Header(d, type, order, fortran, shape, dataOffset);
    }

    private static final String SUPPORTED =
            "supported: f4, f8, i1, u1, i2, i4, i8, b1 in either byte order ('<' or '>')";

    private static String describe(Object value) {
        return value instanceof List<?> ? "(a list of fields)" : ErrorText.shown(value, 40);
    }

    private static InvalidDataException malformed(Path file, String header, String problem) {
        return new InvalidDataException(file, "malformed .npy header: " + problem + "; header: "
                + ErrorText.shown(header.strip(), 200));
    }

    /** Magic, version, header length and the space-padded, newline-terminated header dict. */
    static byte[] header(NpyArray array) {
        long[] shape = array.shape();
        StringBuilder dict = new StringBuilder("{'descr': '").append(array.dtype().littleEndianDescr())
                .append("', 'fortran_order': False, 'shape': (");
        for (int k = 0; k < shape.length; k++) {
            dict.append(k == 0 ? "" : ", ").append(shape[k]);
        }
        dict.append(shape.length == 1 ? ",), }" : "), }");
        // Pad so the data starts at a multiple of 64 bytes, as NumPy does.
        int major = 1;
        int total = roundUp(10 + dict.length() + 1);
        if (total - 10 > 0xffff) {
            major = 2;
            total = roundUp(12 + dict.length() + 1);
        }
        int prefix = major == 1 ? 10 : 12;
        ByteArrayOutputStream out = new ByteArrayOutputStream(total);
        out.writeBytes(MAGIC);
        out.write(major);
        out.write(0);
        ByteBuffer len = ByteBuffer.allocate(prefix - 8).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            len.putShort((short) (total - prefix));
        } else {
            len.putInt(total - prefix);
        }
        out.writeBytes(len.array());
        out.writeBytes(dict.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(" ".repeat(total - prefix - dict.length() - 1).getBytes(StandardCharsets.ISO_8859_1));
        out.write('\n');
        return out.toByteArray();
    }

    private static int roundUp(int n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }
}
