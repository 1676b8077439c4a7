package org.epnsj.runtime.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.epnsj.api.data.InvalidDataException;
import org.epnsj.api.data.SplitSpec;

/**
 * The {@code dataset.json} of a generated data set: what generated it and how, so that it can be
 * regenerated and a run can record which data it saw.
 *
 * @param domainId the id of the domain whose simulator generated the data
 * @param domainVersion that domain plugin's version
 * @param preset the data-set preset
 * @param seed the generator seed
 * @param generatorParameters the simulator's parameters, normalised to what JSON holds: numbers
 *     become {@code Long} or {@code Double}, lists {@code List}, objects {@code Map}
 * @param splits split name to its size, in order; each name is also the split's folder name
 * @param createdAt when the data set was generated, an ISO-8601 date-time such as
 *     {@code 2026-11-29T08:47:29Z}
 */
public record DatasetManifest(String domainId, String domainVersion, String preset, long seed,
        Map<String, Object> generatorParameters, Map<String, SplitSpec> splits, String createdAt) {

    /** The manifest's file name inside a data folder. */
    public static final String FILE_NAME = "dataset.json";

    private static final String FORMAT = "epnsj-dataset";
    private static final int FORMAT_VERSION = 1;
    /** Far above any real manifest; stops a huge file from being read into memory. */
    private static final long MAX_BYTES = 16L << 20;
    /** A portable folder name, short enough for any file system's limit of 255 bytes. */
    private static final Pattern SPLIT_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();

    /** Validates the fields and normalises the parameters through JSON, keeping all orders. */
    public DatasetManifest {
        requireText(domainId, "domainId");
        requireText(domainVersion, "domainVersion");
        requireText(preset, "preset");
        requireText(createdAt, "createdAt");
        try {
            DateTimeFormatter.ISO_DATE_TIME.parse(createdAt);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("createdAt must be an ISO-8601 date-time, got '" + createdAt + "'", e);
        }
        Objects.requireNonNull(generatorParameters, "generatorParameters");
        Map<String, Object> params = new LinkedHashMap<>();
        generatorParameters.forEach((key, value) -> params.put(key, normalise(key, value)));
        generatorParameters = Collections.unmodifiableMap(params);
        Objects.requireNonNull(splits, "splits");
        for (Map.Entry<String, SplitSpec> e : splits.entrySet()) {
            if (e.getKey() == null || !SPLIT_NAME.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("split name '" + ErrorText.shown(e.getKey(), 60)
                        + "' is not a valid folder name (letters, digits, '_', '.', '-'; at most 100)");
            }
            Objects.requireNonNull(e.getValue(), "split '" + e.getKey() + "'");
        }
        splits = Collections.unmodifiableMap(new LinkedHashMap<>(splits));
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, got '" + value + "'");
        }
    }

    /** The value as it will read back from JSON, so a written manifest equals the one read. */
    private static Object normalise(String key, Object value) {
        try {
            JsonElement json = GSON.toJsonTree(value);
            GSON.toJson(json); // rejects NaN and infinities, which JSON cannot hold
            return GSON.fromJson(json, Object.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("generator parameter '" + key + "' = " + value
                    + " cannot be stored as JSON: " + e.getMessage(), e);
        }
    }

    /** Whether {@code other} describes the same generation: equal in everything but createdAt. */
    boolean sameGenerationAs(DatasetManifest other) {
        return domainId.equals(other.domainId) && domainVersion.equals(other.domainVersion)
                && preset.equals(other.preset) && seed == other.seed
                && generatorParameters.equals(other.generatorParameters) && splits.equals(other.splits);
    }

    /** Writes pretty JSON atomically. */
    void write(Path file) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("formatVersion", FORMAT_VERSION);
        o.addProperty("domainId", domainId);
        o.addProperty("domainVersion", domainVersion);
        o.addProperty("preset", preset);
        o.addProperty("seed", seed);
        o.addProperty("createdAt", createdAt);
        o.add("generatorParameters", GSON.toJsonTree(generatorParameters));
        JsonObject s = new JsonObject();
        splits.forEach((name, spec) -> {
            JsonObject j = new JsonObject();
            j.addProperty("trajectories", spec.trajectories());
            j.addProperty("frames", spec.frames());
            j.addProperty("sharedInitialState", spec.sharedInitialState());
            s.add(name, j);
        });
        o.add("splits", s);
        byte[] bytes = (GSON.toJson(o) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * Reads a manifest.
     *
     * @throws InvalidDataException naming the file if it is not valid JSON or a field is missing or
     *     invalid
     */
    static DatasetManifest read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new InvalidDataException(file, "malformed data-set manifest: " + size + " bytes, far more than a "
                    + "manifest holds (at most " + MAX_BYTES + ")");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidDataException(file, "malformed data-set manifest: not valid UTF-8 text", e);
        }
        JsonObject o;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = JsonParser.parseReader(reader);
            if (!(root instanceof JsonObject obj) || reader.peek() != JsonToken.END_DOCUMENT) {
                throw new InvalidDataException(file, "malformed data-set manifest: not a single JSON object");
            }
            o = obj;
        } catch (RuntimeException | MalformedJsonException e) {
            // Gson reports syntax errors as several exception types.
            throw new InvalidDataException(file, "malformed data-set manifest: " + ErrorText.json(e), e);
        }
        try {
            if (!FORMAT.equals(text(o, "format"))) {
                throw new IllegalArgumentException("'format' must be '" + FORMAT + "'");
            }
            long version = number(o, "formatVersion");
            if (version > FORMAT_VERSION) {
                throw new InvalidDataException(file, "data-set manifest format version " + version
                        + " is newer than this EPNS-J reads (" + FORMAT_VERSION + "); use a newer EPNS-J");
            }
            // In file order, so the first missing field is the one reported.
            String domainId = text(o, "domainId");
            String domainVersion = text(o, "domainVersion");
            String preset = text(o, "preset");
            long seed = number(o, "seed");
            String createdAt = text(o, "createdAt");
            Map<String, Object> params = new LinkedHashMap<>();
            if (!(o.get("generatorParameters") instanceof JsonObject p)) {
                throw new IllegalArgumentException("'generatorParameters' must be an object");
            }
            p.entrySet().forEach(e -> params.put(e.getKey(), GSON.fromJson(e.getValue(), Object.class)));
            if (!(o.get("splits") instanceof JsonObject s)) {
                throw new IllegalArgumentException("'splits' must be an object");
            }
            Map<String, SplitSpec> splits = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : s.entrySet()) {
                if (!(e.getValue() instanceof JsonObject spec)) {
                    throw new IllegalArgumentException("split '" + e.getKey() + "' must be an object");
                }
                JsonElement shared = spec.get("sharedInitialState");
                if (!(shared instanceof JsonPrimitive b && b.isBoolean())) {
                    throw new IllegalArgumentException("split '" + e.getKey() + "' needs a boolean 'sharedInitialState'");
                }
                splits.put(e.getKey(), new SplitSpec(count(spec, e.getKey(), "trajectories"),
                        count(spec, e.getKey(), "frames"), shared.getAsBoolean()));
            }
            return new DatasetManifest(domainId, domainVersion, preset, seed, params, splits, createdAt);
        } catch (RuntimeException e) {
            throw new InvalidDataException(file, "malformed data-set manifest: " + ErrorText.json(e), e);
        }
    }

    /** A split's size: a whole number that fits an int (SplitSpec checks the rest). */
    private static int count(JsonObject spec, String split, String key) {
        long n = number(spec, key);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("split '" + ErrorText.shown(split, 40) + "' has " + key + " " + n
                    + ", more than " + Integer.MAX_VALUE);
        }
        return (int) n;
    }

    private static String text(JsonObject o, String key) {
        if (o.get(key) instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        throw new IllegalArgumentException("missing string '" + key + "'");
    }

    /** An exact integer; Gson's getAsLong would silently truncate 2.5 or overflow. */
    private static long number(JsonObject o, String key) {
        if (o.get(key) instanceof JsonPrimitive p && p.isNumber()) {
            try {
                return new java.math.BigDecimal(p.getAsString()).longValueExact();
            } catch (ArithmeticException | NumberFormatException ignored) {
                // reported below
            }
        }
        throw new IllegalArgumentException("missing integer '" + key + "'");
    }
}
