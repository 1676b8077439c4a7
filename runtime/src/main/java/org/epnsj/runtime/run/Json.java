package org.epnsj.runtime.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.epnsj.runtime.io.AtomicFiles;
import org.epnsj.runtime.io.ErrorText;

/** The project's JSON settings: pretty printed, NaN allowed (metrics may be undefined), records supported. */
public final class Json {

    /** The shared Gson instance. */
    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().create();

    /** A single-line variant for JSON-lines files. */
    public static final Gson COMPACT = new GsonBuilder().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().create();

    /** Far above any settings file; stops a huge file from being read into memory. */
    private static final long MAX_BYTES = 16L << 20;

    private Json() {}

    /** Writes {@code value} to {@code file} atomically. */
    public static void write(Path file, Object value) throws IOException {
        byte[] bytes = (GSON.toJson(value) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * Reads {@code file} as {@code type}.
     *
     * @throws IOException naming the file if it is missing or not valid JSON for the type
     */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException(file + ": " + Files.size(file) + " bytes, far more than a " + type.getSimpleName()
                        + " file holds");
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": file not found", e);
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not a valid " + type.getSimpleName() + " file (not UTF-8 text)", e);
        }
        try {
            T value = GSON.fromJson(text, type);
            if (value == null) {
                throw new IOException(file + ": empty JSON file");
            }
            return value;
        } catch (RuntimeException e) {
            // Gson wraps a record constructor's validation error in a plain RuntimeException.
            throw new IOException(file + ": not a valid " + type.getSimpleName() + " file (" + reason(e) + ")", e);
        }
    }

    /** The validation message of a record's constructor when Gson wrapped it, else the parser's, in one line. */
    static String reason(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && t.getMessage() != null) {
                return ErrorText.shown(t.getMessage(), 200);
            }
        }
        return ErrorText.json(e);
    }
}
