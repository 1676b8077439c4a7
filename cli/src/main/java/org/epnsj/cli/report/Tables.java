package org.epnsj.cli.report;

import java.util.List;

/** Tables as Markdown text, for the report files written next to the HTML page. */
public final class Tables {

    private Tables() {}

    /**
     * A GitHub-flavoured Markdown table. Cells are escaped so that they stay in their column:
     * {@code |} becomes {@code \|} and line breaks become spaces; null cells are empty.
     */
    public static String markdownTable(List<String> header, List<List<String>> rows) {
        requireRectangular(header, rows);
        StringBuilder out = new StringBuilder();
        appendRow(out, header);
        out.append('|');
        for (int c = 0; c < header.size(); c++) {
            out.append("---|");
        }
        out.append('\n');
        for (List<String> row : rows) {
            appendRow(out, row);
        }
        return out.toString();
    }

    /** Checks that the header is not empty and every row has as many cells as the header. */
    static void requireRectangular(List<String> header, List<List<String>> rows) {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).size() != header.size()) {
                throw new IllegalArgumentException("table row " + r + " has " + rows.get(r).size()
                        + " cells but the header has " + header.size());
            }
        }
    }

    private static void appendRow(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(escape(cell)).append(" |");
        }
        out.append('\n');
    }

    private static String escape(String cell) {
        return cell == null ? "" : cell.replace("|", "\\|").replaceAll("\\R", " ");
    }
}
