package org.epnsj.api.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named data-set size of a domain, e.g. {@code tiny}, {@code cpu}, {@code paper}.
 *
 * @param name the preset's name
 * @param splits split name ({@code train}, {@code val}, {@code test}, {@code test_same_init},
 *     {@code test_long}) to its size, in order
 */
public record DatasetPreset(String name, Map<String, SplitSpec> splits) {

    /** Copies the split map, keeping its order. */
    public DatasetPreset {
        if (!splits.containsKey("train")) {
            throw new IllegalArgumentException("preset '" + name + "' has no 'train' split");
        }
        splits = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(splits));
    }
}
