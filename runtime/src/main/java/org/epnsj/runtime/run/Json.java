package org.epnsj.runtime.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.epnsj.runtime.io.AtomicFiles;

/** The project's JSON settings: pretty printed, NaN allowed (metrics may be undefined), records supported. */
public final class Json {

    /** The shared Gson instance. */
    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().create();

    /** A single-line variant for JSON-lines files. */
    public static final Gson COMPACT = new GsonBuilder().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().create();

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
        try {
            T value = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), type);
            if (value == null) {
                throw new IOException(file + ": empty JSON file");
            }
            return value;
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": file not found", e);
        } catch (RuntimeException e) {
            // Gson wraps a record constructor's validation error in a plain RuntimeException.
            throw new IOException(file + ": not a valid " + type.getSimpleName() + " file (" + reason(e) + ")", e);
        }
    }

    /** The validation message of a record's constructor when Gson wrapped it, else the exception's own. */
    private static String reason(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return e.getMessage();
    }
}
