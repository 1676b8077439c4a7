package org.epnsj.reports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The XY dataset of a chart, with every series split into runs of consecutive drawable points:
 * renderers would otherwise bridge a missing value with a line, or (bands) break on it.
 */
final class PlottableRuns {

    /** The dataset key of one run; it reads as the series name in the legend. */
    record RunKey(String name, int part) implements Comparable<RunKey> {

        @Override
        public int compareTo(RunKey o) {
            int byName = name.compareTo(o.name);
            return byName != 0 ? byName : Integer.compare(part, o.part);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** One run in the dataset: which input series it belongs to and how many points it holds. */
    record Run(int series, int part, int points) {}

    private final YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
    private final List<Run> runs = new ArrayList<>();

    /**
     * @param series the input series, with distinct names
     * @param positiveXOnly whether points with x &lt;= 0 are undrawable (a log axis)
     */
    PlottableRuns(List<Series> series, boolean positiveXOnly) {
        requireDistinctNames(series);
        for (int s = 0; s < series.size(); s++) {
            Series in = series.get(s);
            YIntervalSeries current = null;
            int part = 0;
            for (int i = 0; i < in.size(); i++) {
                double x = in.xAt(i);
                double y = in.yAt(i);
                if (!Double.isFinite(x) || !Double.isFinite(y) || (positiveXOnly && x <= 0)) {
                    if (current != null) {
                        add(current, s, part++);
                        current = null;
                    }
                    continue;
                }
                if (current == null) {
                    current = new YIntervalSeries(new RunKey(in.name(), part), false, true);
                }
                double lo = in.lowerAt(i);
                double hi = in.upperAt(i);
                // A point without a finite interval is still drawn, with an empty one.
                if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
                    lo = y;
                    hi = y;
                }
                current.add(x, y, lo, hi);
            }
            if (current != null) {
                add(current, s, part++);
            }
            if (part == 0) {
                // Nothing drawable: an empty run keeps the series in the legend.
                add(new YIntervalSeries(new RunKey(in.name(), 0), false, true), s, 0);
            }
        }
    }

    YIntervalSeriesCollection dataset() {
        return dataset;
    }

    /** The runs in dataset order: run {@code i} is dataset series {@code i}. */
    List<Run> runs() {
        return runs;
    }

    private void add(YIntervalSeries data, int series, int part) {
        dataset.addSeries(data);
        runs.add(new Run(series, part, data.getItemCount()));
    }

    static void requireDistinctNames(List<Series> series) {
        Set<String> names = new HashSet<>();
        for (Series s : series) {
            if (s == null) {
                throw new IllegalArgumentException("a series is null");
            }
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("two series are named '" + s.name() + "'");
            }
        }
    }
}
