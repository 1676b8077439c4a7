package org.epnsj.runtime.io;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pieces of error messages that come from a file's own bytes or from a parser: made one line and
 * short, so that a hostile file cannot turn a one-line error into pages or a raw exception dump.
 */
public final class ErrorText {

    /** A leading exception class name such as {@code com.google.gson.stream.MalformedJsonException: }. */
    private static final Pattern CLASS_PREFIX = Pattern.compile("^(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*: ");
    private static final Pattern GSON_PATH = Pattern.compile(" path (\\$\\S*)");

    private ErrorText() {}

    /**
     * {@code value} as text for a message: control characters escaped (a newline shows as
     * {@code \n}) and cut to {@code max} characters with {@code ...}.
     */
    public static String shown(Object value, int max) {
        String s = String.valueOf(value);
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 8);
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.length() < s.length() && b.length() >= max ? b + "..." : b.toString();
    }

    /**
     * What a JSON parser or binder reported, in one short line without exception class names or
     * Gson's troubleshooting link, e.g. {@code malformed JSON at line 3 column 4 path $.format}.
     */
    public static String json(Throwable e) {
        Throwable t = e;
        // A wrapper (Gson's JsonSyntaxException) repeats its cause's message with a class name in front.
        while (t.getCause() != null && t.getCause() != t
                && (t.getMessage() == null || CLASS_PREFIX.matcher(t.getMessage()).find())) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int lineBreak = m.indexOf('\n');
        if (lineBreak >= 0) {
            m = m.substring(0, lineBreak); // the rest is Gson's "See https://..." advice
        }
        m = CLASS_PREFIX.matcher(m.strip()).replaceFirst("");
        m = m.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
        m = GSON_PATH.matcher(m).replaceAll(r -> Matcher.quoteReplacement(" path " + shown(r.group(1), 40)));
        return shown(m, 200);
    }
}
