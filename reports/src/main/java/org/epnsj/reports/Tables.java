package org.epnsj.reports;

import java.util.List;

/** Tables as Markdown text, for the report files written next to the HTML page, and as plain text for a terminal. */
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

    /**
     * A plain-text table for a terminal: the first column left-aligned, the others right-aligned, each
     * as wide as its widest cell, a rule under the header; null cells are empty.
     */
    public static String textTable(List<String> header, List<List<String>> rows) {
        requireRectangular(header, rows);
        int[] width = new int[header.size()];
        for (List<String> row : concat(header, rows)) {
            for (int c = 0; c < row.size(); c++) {
                width[c] = Math.max(width[c], text(row.get(c)).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : concat(header, rows)) {
            for (int c = 0; c < row.size(); c++) {
                String cell = text(row.get(c));
                String pad = " ".repeat(width[c] - cell.length());
                out.append(c == 0 ? cell + pad : "  " + pad + cell);
            }
            out.append('\n');
            if (row == header) {
                out.append("-".repeat(java.util.Arrays.stream(width).sum() + 2 * (width.length - 1))).append('\n');
            }
        }
        return out.toString();
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new java.util.ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private static String text(String cell) {
        return cell == null ? "" : cell.replaceAll("\\R", " ");
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
