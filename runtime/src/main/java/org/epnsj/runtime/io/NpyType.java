package org.epnsj.runtime.io;

/**
 * The element types of {@link NpyArray}, with the primitive array that holds each in memory.
 * UINT8 values are held in a {@code byte[]} and read as unsigned; BOOL in a {@code boolean[]}.
 */
public enum NpyType {
    /** 32-bit IEEE float ({@code f4}), held in a {@code float[]}. */
    FLOAT32('f', 4, float[].class),
    /** 64-bit IEEE float ({@code f8}), held in a {@code double[]}. */
    FLOAT64('f', 8, double[].class),
    /** Signed byte ({@code i1}), held in a {@code byte[]}. */
    INT8('i', 1, byte[].class),
    /** Unsigned byte ({@code u1}), held in a {@code byte[]} and read as unsigned. */
    UINT8('u', 1, byte[].class),
    /** 16-bit signed integer ({@code i2}), held in a {@code short[]}. */
    INT16('i', 2, short[].class),
    /** 32-bit signed integer ({@code i4}), held in an {@code int[]}. */
    INT32('i', 4, int[].class),
    /** 64-bit signed integer ({@code i8}), held in a {@code long[]}. */
    INT64('i', 8, long[].class),
    /** Boolean stored as one byte ({@code b1}), held in a {@code boolean[]}. */
    BOOL('b', 1, boolean[].class);

    private final char kind;
    private final int itemSize;
    private final Class<?> storage;

    NpyType(char kind, int itemSize, Class<?> storage) {
        this.kind = kind;
        this.itemSize = itemSize;
        this.storage = storage;
    }

    /** The number of bytes of one element on disk. */
    public int itemSize() {
        return itemSize;
    }

    /** The primitive array class that holds the values, e.g. {@code float[].class}. */
    public Class<?> storageClass() {
        return storage;
    }

    /** Whether the values are floating point. */
    public boolean isFloatingPoint() {
        return kind == 'f';
    }

    /** The NumPy type code without byte order, e.g. {@code f4}. */
    String code() {
        return kind + Integer.toString(itemSize);
    }

    /** The little-endian NumPy descr, as NumPy itself writes it: {@code <f4}, {@code |u1}. */
    String littleEndianDescr() {
        return (itemSize == 1 ? "|" : "<") + code();
    }

    /** The type of a NumPy type code such as {@code f4}, or null. */
    static NpyType ofCode(String code) {
        for (NpyType t : values()) {
            if (t.code().equals(code)) {
                return t;
            }
        }
        return null;
    }

    /** A new zeroed array of {@code n} elements of the storage kind. */
    Object newArray(int n) {
        return java.lang.reflect.Array.newInstance(storage.getComponentType(), n);
    }
}
