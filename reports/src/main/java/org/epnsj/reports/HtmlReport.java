package org.epnsj.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds one self-contained HTML page: images are embedded as data URIs and the style is inline,
 * so the file can be mailed or archived alone. All text is escaped.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body { font-family: sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
            h1 { border-bottom: 2px solid #ccc; padding-bottom: .2em; }
            h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
            table { border-collapse: collapse; margin: 1em 0; }
            th, td { border: 1px solid #ccc; padding: .3em .7em; text-align: left; }
            th { background: #f2f2f2; }
            tr:nth-child(even) td { background: #fafafa; }
            figure { margin: 1.2em 0; }
            img { max-width: 100%; border: 1px solid #eee; }
            figcaption { color: #555; font-size: .95em; }
            pre { background: #f6f8fa; border: 1px solid #ddd; padding: .8em; overflow-x: auto; }
            ul.kv { font-family: monospace; }
            """;

    private final String title;
    private final StringBuilder body = new StringBuilder();

    public HtmlReport(String title) {
        this.title = title;
    }

    /** A section heading. */
    public HtmlReport heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A table; every row has as many cells as the header, null cells are empty. */
    public HtmlReport table(List<String> header, List<List<String>> rows) {
        Tables.requireRectangular(header, rows);
        body.append("<table>\n<thead><tr>");
        for (String h : header) {
            body.append("<th>").append(escape(h)).append("</th>");
        }
        body.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            for (String cell : row) {
                body.append("<td>").append(escape(cell)).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</tbody>\n</table>\n");
        return this;
    }

    /** Embeds a PNG, GIF or JPEG image, read now, with a caption. */
    public HtmlReport image(Path image, String caption) throws IOException {
        String mime = mimeType(image);
        String data = Base64.getEncoder().encodeToString(Files.readAllBytes(image));
        body.append("<figure><img src=\"data:").append(mime).append(";base64,").append(data).append("\" alt=\"")
                .append(escape(caption)).append("\"><figcaption>").append(escape(caption))
                .append("</figcaption></figure>\n");
        return this;
    }

    /** Preformatted text, such as the exact commands that produced the results. */
    public HtmlReport code(String text) {
        body.append("<pre><code>").append(escape(text)).append("</code></pre>\n");
        return this;
    }

    /** Named values, such as provenance; nested maps become nested lists. */
    public HtmlReport keyValues(String caption, Map<String, ?> values) {
        body.append("<h3>").append(escape(caption)).append("</h3>\n");
        appendList(values);
        return this;
    }

    /** The page as it stands. */
    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<h1>" + escape(title) + "</h1>\n" + body
                + "</body>\n</html>\n";
    }

    /** Writes the page atomically as UTF-8, creating its folder when missing. */
    public void write(Path html) throws IOException {
        byte[] bytes = html().getBytes(StandardCharsets.UTF_8);
        ReportFiles.write(html, out -> out.write(bytes));
    }

    /** Escapes the characters that are markup in HTML text and attribute values; null becomes empty. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private void appendList(Map<?, ?> values) {
        body.append("<ul class=\"kv\">\n");
        for (Map.Entry<?, ?> e : values.entrySet()) {
            body.append("<li><b>").append(escape(String.valueOf(e.getKey()))).append("</b>: ");
            if (e.getValue() instanceof Map<?, ?> nested) {
                body.append('\n');
                appendList(nested);
            } else {
                body.append(escape(valueText(e.getValue())));
            }
            body.append("</li>\n");
        }
        body.append("</ul>\n");
    }

    private static String valueText(Object value) {
        if (value instanceof Collection<?> items) {
            StringBuilder out = new StringBuilder("[");
            for (Object item : items) {
                out.append(out.length() > 1 ? ", " : "").append(valueText(item));
            }
            return out.append(']').toString();
        }
        return String.valueOf(value);
    }

    private static String mimeType(Path image) {
        String name = image.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".gif")) {
            return "image/gif";
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        throw new IllegalArgumentException("cannot embed " + image + ": only .png, .gif and .jpg images are supported");
    }
}
