package org.epnsj.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The known deviations of a run, read from every {@value #RESOURCE} on the class path. Each
 * non-blank line that does not start with {@code #} reads {@code rule-id plugin-id reason...}.
 */
public final class Exclusions {

    /** The resource name looked up on the class path. */
    public static final String RESOURCE = "conformance-exclusions.txt";

    private final List<Exclusion> entries;

    /** Exclusions from a list. */
    public Exclusions(List<Exclusion> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No exclusions. */
    public static Exclusions none() {
        return new Exclusions(List.of());
    }

    /** All {@value #RESOURCE} files visible to the context class loader (or this class's loader). */
    public static Exclusions fromClasspath() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Exclusions.class.getClassLoader();
        }
        List<Exclusion> all = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(RESOURCE))) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    all.addAll(parse(r.lines().toList(), url.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new Exclusions(all);
    }

    /** Parses lines of the exclusion format; {@code source} names the file in error messages. */
    public static List<Exclusion> parse(List<String> lines, String source) {
        List<Exclusion> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            if (parts.length < 3) {
                throw new IllegalArgumentException(source + " line " + (i + 1)
                        + ": expected 'rule-id plugin-id reason', got '" + line + "'");
            }
            out.add(new Exclusion(parts[0], parts[1], parts[2]));
        }
        return out;
    }

    /** The exclusion covering a rule on a plugin, if any. */
    public Optional<Exclusion> find(String rule, String plugin) {
        return entries.stream().filter(e -> e.covers(rule, plugin)).findFirst();
    }

    /** All entries. */
    public List<Exclusion> entries() {
        return entries;
    }
}
