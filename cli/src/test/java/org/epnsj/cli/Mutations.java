package org.epnsj.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * Seeded mutations of the three file kinds users hand to the command line: {@code .npy} arrays,
 * checkpoints ({@code EPNSARC1} archives) and {@code dataset.json}. Each mutation returns the bytes
 * and a description, so a failing case can be named and replayed from its seed.
 */
final class Mutations {

    /** A mutated file. */
    record Mutant(byte[] bytes, String description) {}

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues()
            .create();

    /** Dimensions that stress size arithmetic: zero, one, int and long limits, and sizes past them. */
    private static final long[] DIMS = {0, 1, 2, 3, 7, 101, 65_535, 1L << 31, (1L << 31) - 1, 1L << 40,
        (1L << 62), Long.MAX_VALUE, 46_341};

    /** NumPy descrs this reader does not support, malformed ones, and supported ones of the wrong type. */
    private static final String[] DESCRS = {"<f2", "<c8", "<c16", "|O", "<U4", "|S3", "<M8[s]", "<m8[D]", "|V8",
        "<f16", "|b1", "<i8", ">f4", "|u1", "<u4", "<u8", "f4", "", "<<f4", "|f4", "<i2", "|i1", ">f8", "<f4 ",
        "\u00e9f4", "<F4"};

    private static final String[] CHARS = {"{", "}", "(", ")", "[", "]", "'", "\"", ",", ":", "-", "0", "9", "L",
        "True", "False", "None", " ", "\n", "\t", "\\", "\u0000", "\u00e9", "1e9", "99999999999999999999", "e", "."};

    private static final String[] KEYS = {"", "..", "../x", "a/b", "train ", "\u00fc", "x".repeat(300), "train",
        "val", "kind", "tensors", "metadata", "shape", "dtype", "offset", "length", "name", "splits", "format"};

    private Mutations() {}

    // ---------------------------------------------------------------- .npy

    /** One mutation of an {@code .npy} file written by this project (version 1.0, little-endian). */
    static Mutant npy(byte[] base, SplittableRandom rnd) {
        int headerLength = ByteBuffer.wrap(base, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        int dataOffset = 10 + headerLength;
        String header = new String(base, 10, headerLength, StandardCharsets.ISO_8859_1).strip();
        byte[] data = Arrays.copyOfRange(base, dataOffset, base.length);
        int shapeAt = header.indexOf("'shape': (") + 10;
        String shape = header.substring(shapeAt, header.indexOf(')', shapeAt));
        int descrAt = header.indexOf("'descr': '") + 10;
        String descr = header.substring(descrAt, header.indexOf("'", descrAt));
        int kind = rnd.nextInt(14);
        switch (kind) {
            case 0:
                return truncate(base, rnd);
            case 1:
                return flip(base, rnd, base.length, 1 + rnd.nextInt(16));
            case 2:
                return flip(base, rnd, dataOffset, 1 + rnd.nextInt(4));
            case 3: {
                int rank = rnd.nextInt(6);
                StringBuilder dims = new StringBuilder();
                for (int k = 0; k < rank; k++) {
                    long d = rnd.nextInt(4) == 0 ? rnd.nextLong(1, 1000) : DIMS[rnd.nextInt(DIMS.length)];
                    dims.append(k == 0 ? "" : ", ").append(d);
                }
                String dimsText = rank == 1 ? dims + "," : dims.toString();
                if (rnd.nextInt(8) == 0) {
                    dimsText = rnd.nextBoolean() ? "-1, 7, 101" : "99999999999999999999, 7";
                }
                return new Mutant(npyFile(header.replace("(" + shape + ")", "(" + dimsText + ")"), data),
                        "shape (" + dimsText + ")");
            }
            case 4: {
                String d = DESCRS[rnd.nextInt(DESCRS.length)];
                String text = rnd.nextInt(6) == 0 ? header.replace("'" + descr + "'", "[('a', '<f4'), ('b', '<i4')]")
                        : header.replace("'" + descr + "'", "'" + d + "'");
                return new Mutant(npyFile(text, data), "dtype " + d);
            }
            case 5: {
                String text = header;
                int edits = 1 + rnd.nextInt(3);
                for (int e = 0; e < edits; e++) {
                    text = edit(text, rnd);
                }
                return new Mutant(npyFile(text, data), "header edited to " + text);
            }
            case 6: {
                int depth = 1 << rnd.nextInt(17);
                String text = rnd.nextBoolean()
                        ? "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + "(".repeat(depth)
                                + ")".repeat(depth) + ", }"
                        : "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shape + "), 'x': '"
                                + "y".repeat(depth * 4) + "', }";
                return new Mutant(npyFile(text, data), "header of " + depth + " nested tuples or a long string");
            }
            case 7: {
                byte[] b = base.clone();
                int v = rnd.nextInt(65_536);
                b[8] = (byte) v;
                b[9] = (byte) (v >> 8);
                return new Mutant(b, "header length field " + v);
            }
            case 8: {
                byte[] b = base.clone();
                b[6] = (byte) rnd.nextInt(256);
                b[7] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : 0);
                return new Mutant(b, "version " + (b[6] & 0xff) + "." + (b[7] & 0xff));
            }
            case 9:
                return insert(base, rnd, dataOffset);
            case 10: {
                // The same number of elements in another shape: a valid file of the wrong layout.
                List<String> dims = new ArrayList<>(Arrays.asList(shape.split(",\\s*")));
                dims.removeIf(String::isBlank);
                java.util.Collections.shuffle(dims, new java.util.Random(rnd.nextLong()));
                String text = rnd.nextBoolean() ? String.join(", ", dims) : product(dims) + ",";
                return new Mutant(npyFile(header.replace("(" + shape + ")", "(" + text + ")"), data),
                        "same element count, shape (" + text + ")");
            }
            case 11:
                return new Mutant(npyFile(header.replace("False", "True"), data), "fortran_order True");
            case 12: {
                byte[] b = base.clone();
                int item = descr.endsWith("8") ? 8 : 4;
                int count = (b.length - dataOffset) / item;
                if (count == 0) {
                    return truncate(base, rnd);
                }
                int at = dataOffset + rnd.nextInt(count) * item;
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                double v = new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300,
                    -1, 1e9 + 0.5}[rnd.nextInt(6)];
                if (descr.contains("f8")) {
                    bb.putDouble(at, v);
                } else if (descr.contains("f4")) {
                    bb.putFloat(at, (float) v);
                } else if (descr.contains("i8")) {
                    bb.putLong(at, (long) v);
                } else {
                    bb.putInt(at, (int) v);
                }
                return new Mutant(b, "value " + v + " at byte " + at);
            }
            default: {
                byte[][] heads = {new byte[0], Arrays.copyOf(base, 6),
                    "PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1), Arrays.copyOf(base, 10),
                    "\u0093NUMPY".getBytes(StandardCharsets.ISO_8859_1)};
                int pick = rnd.nextInt(heads.length);
                return new Mutant(heads[pick], "short or foreign file #" + pick);
            }
        }
    }

    private static String product(List<String> dims) {
        BigInteger p = BigInteger.ONE;
        for (String d : dims) {
            p = p.multiply(new BigInteger(d.strip()));
        }
        return p.toString();
    }

    /** An {@code .npy} file with this header text (padded as NumPy does) and data. */
    static byte[] npyFile(String dict, byte[] data) {
        byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
        boolean v2 = text.length + 11 > 0xffff;
        int prefix = v2 ? 12 : 10;
        int total = (prefix + text.length + 1 + 63) / 64 * 64;
        ByteBuffer b = ByteBuffer.allocate(total + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) (v2 ? 2 : 1), 0});
        if (v2) {
            b.putInt(total - prefix);
        } else {
            b.putShort((short) (total - prefix));
        }
        b.put(text);
        while (b.position() < total - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        b.put(data);
        return b.array();
    }

    // ---------------------------------------------------------------- checkpoints

    /** One mutation of a checkpoint; most keep a valid checksum so that they reach the parsers behind it. */
    static Mutant checkpoint(byte[] base, SplittableRandom rnd) {
        ByteBuffer in = ByteBuffer.wrap(base).order(ByteOrder.LITTLE_ENDIAN);
        int version = in.getInt(8);
        int headerLength = in.getInt(12);
        String header = new String(base, 16, headerLength, StandardCharsets.UTF_8);
        byte[] data = Arrays.copyOfRange(base, 16 + headerLength, base.length - 4);
        int kind = rnd.nextInt(10);
        switch (kind) {
            case 0:
                return truncate(base, rnd);
            case 1:
                return flip(base, rnd, base.length, 1 + rnd.nextInt(16));
            case 2: {
                JsonObject root = JsonParser.parseString(header).getAsJsonObject();
                String what = mutateJson(root, rnd);
                return new Mutant(archive(version, GSON.toJson(root).getBytes(StandardCharsets.UTF_8), data),
                        "header " + what);
            }
            case 3: {
                String text = header;
                int edits = 1 + rnd.nextInt(3);
                for (int e = 0; e < edits; e++) {
                    text = edit(text, rnd);
                }
                return new Mutant(archive(version, text.getBytes(StandardCharsets.UTF_8), data), "header text edited");
            }
            case 4: {
                byte[] b = archive(version, header.getBytes(StandardCharsets.UTF_8), data);
                int length = rnd.nextBoolean() ? rnd.nextInt() : headerLength + rnd.nextInt(-8, 9);
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(12, length);
                return new Mutant(withCrc(b), "header length field " + length);
            }
            case 5: {
                byte[] b = base.clone();
                int v = rnd.nextBoolean() ? rnd.nextInt() : rnd.nextInt(-1, 3);
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(8, v);
                return new Mutant(withCrc(b), "version " + v);
            }
            case 6: {
                byte[] d = data.clone();
                if (d.length < 8) {
                    return truncate(base, rnd);
                }
                int at = rnd.nextInt(d.length / 8) * 8;
                double v = new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300,
                    -0.0}[rnd.nextInt(5)];
                ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putDouble(at, v);
                return new Mutant(archive(version, header.getBytes(StandardCharsets.UTF_8), d),
                        "value " + v + " at data byte " + at);
            }
            case 7:
                return insert(base, rnd, 0);
            case 8: {
                // A tensor of a huge declared shape, its length made consistent with the shape.
                JsonObject root = JsonParser.parseString(header).getAsJsonObject();
                JsonArray tensors = root.getAsJsonArray("tensors");
                JsonObject t = tensors.get(rnd.nextInt(tensors.size())).getAsJsonObject();
                JsonArray shape = new JsonArray();
                BigInteger count = BigInteger.ONE;
                for (int k = 0, rank = 1 + rnd.nextInt(4); k < rank; k++) {
                    long dim = DIMS[rnd.nextInt(DIMS.length)];
                    shape.add(dim);
                    count = count.multiply(BigInteger.valueOf(dim));
                }
                t.add("shape", shape);
                if (rnd.nextBoolean()) {
                    t.add("length", new JsonPrimitive(count.multiply(BigInteger.valueOf(8))));
                }
                return new Mutant(archive(version, GSON.toJson(root).getBytes(StandardCharsets.UTF_8), data),
                        "tensor '" + t.get("name") + "' of shape " + shape);
            }
            default: {
                // Another kind of archive: the same file with its metadata swapped for another's.
                JsonObject root = JsonParser.parseString(header).getAsJsonObject();
                JsonObject meta = root.getAsJsonObject("metadata");
                String[] keys = {"kind", "model", "epoch", "bestValidation", "bestRolloutLength", "optimizerSteps",
                    "config", "dataType"};
                String key = keys[rnd.nextInt(keys.length)];
                JsonElement value = randomValue(rnd);
                if (value == null) {
                    meta.remove(key);
                } else {
                    meta.add(key, value);
                }
                return new Mutant(archive(version, GSON.toJson(root).getBytes(StandardCharsets.UTF_8), data),
                        "metadata " + key + " = " + value);
            }
        }
    }

    /** An archive with this header and data section, and a correct checksum. */
    static byte[] archive(int version, byte[] header, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(16 + header.length + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("EPNSARC1".getBytes(StandardCharsets.US_ASCII)).putInt(version).putInt(header.length);
        b.put(header).put(data);
        return withCrc(b.array());
    }

    /** The bytes with their last four replaced by the CRC32 of the others. */
    private static byte[] withCrc(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 4, (int) crc.getValue());
        return b;
    }

    // ---------------------------------------------------------------- dataset.json

    /** One mutation of a {@code dataset.json}. */
    static Mutant manifest(byte[] base, SplittableRandom rnd) {
        String text = new String(base, StandardCharsets.UTF_8);
        int kind = rnd.nextInt(8);
        switch (kind) {
            case 0:
                return truncate(base, rnd);
            case 1:
                return flip(base, rnd, base.length, 1 + rnd.nextInt(8));
            case 2:
            case 3: {
                JsonObject root = JsonParser.parseString(text).getAsJsonObject();
                String what = mutateJson(root, rnd);
                return new Mutant(GSON.toJson(root).getBytes(StandardCharsets.UTF_8), what);
            }
            case 4: {
                String t = text;
                int edits = 1 + rnd.nextInt(3);
                for (int e = 0; e < edits; e++) {
                    t = edit(t, rnd);
                }
                return new Mutant(t.getBytes(StandardCharsets.UTF_8), "text edited");
            }
            case 5: {
                int depth = 1 << rnd.nextInt(18);
                String nested = rnd.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                return new Mutant(text.replace("\"seed\": ", "\"seed\": " + nested + ", \"x\": ")
                        .getBytes(StandardCharsets.UTF_8), depth + " nested arrays or objects");
            }
            case 6: {
                byte[][] odd = {new byte[0], {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, {(byte) 0xff, (byte) 0xfe, 0, 0},
                    "null".getBytes(StandardCharsets.UTF_8), "[]".getBytes(StandardCharsets.UTF_8),
                    "\"dataset\"".getBytes(StandardCharsets.UTF_8), (text + text).getBytes(StandardCharsets.UTF_8),
                    {(byte) 0xc3, (byte) 0x28}};
                int pick = rnd.nextInt(odd.length);
                byte[] b = odd[pick];
                if (pick == 1 || pick == 7) {
                    b = concat(b, base);
                }
                return new Mutant(b, "odd content #" + pick);
            }
            default: {
                // A split of a valid size that does not match the folder.
                JsonObject root = JsonParser.parseString(text).getAsJsonObject();
                JsonObject splits = root.getAsJsonObject("splits");
                List<String> names = new ArrayList<>(splits.keySet());
                JsonObject split = splits.getAsJsonObject(names.get(rnd.nextInt(names.size())));
                String field = rnd.nextBoolean() ? "trajectories" : "frames";
                long value = rnd.nextInt(3) == 0 ? DIMS[rnd.nextInt(DIMS.length)] : split.get(field).getAsLong()
                        + rnd.nextInt(-2, 3);
                split.addProperty(field, value);
                return new Mutant(GSON.toJson(root).getBytes(StandardCharsets.UTF_8), field + " " + value);
            }
        }
    }

    // ---------------------------------------------------------------- shared

    private static Mutant truncate(byte[] base, SplittableRandom rnd) {
        int n = rnd.nextInt(base.length);
        return new Mutant(Arrays.copyOf(base, n), "truncated to " + n + " of " + base.length + " bytes");
    }

    private static Mutant flip(byte[] base, SplittableRandom rnd, int within, int bits) {
        byte[] b = base.clone();
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < bits && within > 0; i++) {
            int at = rnd.nextInt(within);
            int bit = rnd.nextInt(8);
            b[at] ^= (byte) (1 << bit);
            where.append(i == 0 ? "" : ",").append(at).append('.').append(bit);
        }
        return new Mutant(b, bits + " bit flips at " + where);
    }

    private static Mutant insert(byte[] base, SplittableRandom rnd, int from) {
        int at = rnd.nextBoolean() ? base.length : rnd.nextInt(from, base.length + 1);
        byte[] extra = new byte[1 + rnd.nextInt(100)];
        rnd.nextBytes(extra);
        byte[] b = new byte[base.length + extra.length];
        System.arraycopy(base, 0, b, 0, at);
        System.arraycopy(extra, 0, b, at, extra.length);
        System.arraycopy(base, at, b, at + extra.length, base.length - at);
        return new Mutant(b, extra.length + " bytes inserted at " + at);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Deletes, inserts or replaces a character or token at a random place. */
    private static String edit(String text, SplittableRandom rnd) {
        if (text.isEmpty()) {
            return CHARS[rnd.nextInt(CHARS.length)];
        }
        int at = rnd.nextInt(text.length());
        String token = CHARS[rnd.nextInt(CHARS.length)];
        return switch (rnd.nextInt(3)) {
            case 0 -> text.substring(0, at) + text.substring(at + 1);
            case 1 -> text.substring(0, at) + token + text.substring(at);
            default -> text.substring(0, at) + token + text.substring(at + 1);
        };
    }

    /** Applies one structural change to a random node of the tree; returns what it did. */
    static String mutateJson(JsonObject root, SplittableRandom rnd) {
        List<Object[]> slots = new ArrayList<>(); // {parent, key or index}
        collect(root, slots);
        Object[] slot = slots.get(rnd.nextInt(slots.size()));
        JsonElement value = randomValue(rnd);
        if (slot[0] instanceof JsonObject parent) {
            String key = (String) slot[1];
            switch (rnd.nextInt(4)) {
                case 0 -> {
                    parent.remove(key);
                    return "removed '" + key + "'";
                }
                case 1 -> {
                    JsonElement moved = parent.remove(key);
                    String renamed = KEYS[rnd.nextInt(KEYS.length)];
                    parent.add(renamed, moved);
                    return "renamed '" + key + "' to '" + renamed + "'";
                }
                default -> {
                    parent.add(key, value == null ? JsonNull.INSTANCE : value);
                    return "'" + key + "' = " + value;
                }
            }
        }
        JsonArray parent = (JsonArray) slot[0];
        int index = (Integer) slot[1];
        switch (rnd.nextInt(4)) {
            case 0 -> {
                parent.remove(index);
                return "removed item " + index;
            }
            case 1 -> {
                parent.add(parent.get(index).deepCopy());
                return "duplicated item " + index;
            }
            default -> {
                parent.set(index, value == null ? JsonNull.INSTANCE : value);
                return "item " + index + " = " + value;
            }
        }
    }

    private static void collect(JsonElement e, List<Object[]> slots) {
        if (e instanceof JsonObject o) {
            for (Map.Entry<String, JsonElement> entry : o.entrySet()) {
                slots.add(new Object[] {o, entry.getKey()});
                collect(entry.getValue(), slots);
            }
        } else if (e instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Object[] {a, i});
                collect(a.get(i), slots);
            }
        }
    }

    /** A value of an unexpected type or size; null means "remove". */
    private static JsonElement randomValue(SplittableRandom rnd) {
        return switch (rnd.nextInt(18)) {
            case 0 -> null;
            case 1 -> JsonNull.INSTANCE;
            case 2 -> new JsonPrimitive(true);
            case 3 -> new JsonPrimitive("x");
            case 4 -> new JsonPrimitive("");
            case 5 -> new JsonPrimitive(-1);
            case 6 -> new JsonPrimitive(0);
            case 7 -> new JsonPrimitive(1.5);
            case 8 -> new JsonPrimitive(new BigDecimal("1e400"));
            case 9 -> new JsonPrimitive(new BigInteger("99999999999999999999999"));
            case 10 -> new JsonPrimitive(2_147_483_648L);
            case 11 -> new JsonPrimitive(Long.MIN_VALUE);
            case 12 -> new JsonArray();
            case 13 -> new JsonObject();
            case 14 -> new JsonPrimitive("NaN");
            case 15 -> new JsonPrimitive("Infinity");
            case 16 -> new JsonPrimitive("y".repeat(100_000));
            default -> new JsonPrimitive(rnd.nextInt(-5, 200));
        };
    }
}
