package org.epnsj.runtime.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts primitive arrays to and from bytes in fixed-size chunks, so arrays of any size are read
 * and written without a second full-size copy.
 */
final class Binary {

    /** A multiple of every item size. */
    private static final int CHUNK = 1 << 16;

    private Binary() {}

    /**
     * Reads {@code count} elements of {@code type} in byte order {@code order} into a new array.
     *
     * @throws EOFException if the stream ends early (callers check sizes first, so this means the
     *     file changed while being read)
     */
    static Object read(InputStream in, NpyType type, ByteOrder order, int count) throws IOException {
        Object out = type.newArray(count);
        int perChunk = CHUNK / type.itemSize();
        byte[] buf = new byte[(int) Math.min(CHUNK, (long) count * type.itemSize())];
        for (int pos = 0; pos < count; pos += perChunk) {
            int n = Math.min(perChunk, count - pos);
            int bytes = n * type.itemSize();
            if (in.readNBytes(buf, 0, bytes) != bytes) {
                throw new EOFException("the data ended early");
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, bytes).order(order);
            switch (type) {
                case FLOAT32 -> bb.asFloatBuffer().get((float[]) out, pos, n);
                case FLOAT64 -> bb.asDoubleBuffer().get((double[]) out, pos, n);
                case INT8, UINT8 -> System.arraycopy(buf, 0, out, pos, n);
                case INT16 -> bb.asShortBuffer().get((short[]) out, pos, n);
                case INT32 -> bb.asIntBuffer().get((int[]) out, pos, n);
                case INT64 -> bb.asLongBuffer().get((long[]) out, pos, n);
                case BOOL -> {
                    boolean[] b = (boolean[]) out;
                    for (int i = 0; i < n; i++) {
                        b[pos + i] = buf[i] != 0;
                    }
                }
                default -> throw new AssertionError(type);
            }
        }
        return out;
    }

    /** Writes all elements of {@code data}, an array of {@code type}'s storage kind, little-endian. */
    static void write(OutputStream out, NpyType type, Object data) throws IOException {
        int count = java.lang.reflect.Array.getLength(data);
        int perChunk = CHUNK / type.itemSize();
        byte[] buf = new byte[(int) Math.min(CHUNK, (long) count * type.itemSize())];
        for (int pos = 0; pos < count; pos += perChunk) {
            int n = Math.min(perChunk, count - pos);
            int bytes = n * type.itemSize();
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, bytes).order(ByteOrder.LITTLE_ENDIAN);
            switch (type) {
                case FLOAT32 -> bb.asFloatBuffer().put((float[]) data, pos, n);
                case FLOAT64 -> bb.asDoubleBuffer().put((double[]) data, pos, n);
                case INT8, UINT8 -> System.arraycopy(data, pos, buf, 0, n);
                case INT16 -> bb.asShortBuffer().put((short[]) data, pos, n);
                case INT32 -> bb.asIntBuffer().put((int[]) data, pos, n);
                case INT64 -> bb.asLongBuffer().put((long[]) data, pos, n);
                case BOOL -> {
                    boolean[] b = (boolean[]) data;
                    for (int i = 0; i < n; i++) {
                        buf[i] = (byte) (b[pos + i] ? 1 : 0);
                    }
                }
                default -> throw new AssertionError(type);
            }
            out.write(buf, 0, bytes);
        }
    }
}
