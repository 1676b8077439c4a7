package org.epnsj.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlottableRunsTest {

    private static final double NAN = Double.NaN;

    @Test
    void aMissingValueSplitsASeriesIntoRunsWithOneLegendEntry() {
        Series s = Series.of("EPNS", new double[] {0, 1, 2, 3, 4, 5}, new double[] {1, 2, NAN, 3, Double.POSITIVE_INFINITY, 4});
        PlottableRuns runs = new PlottableRuns(List.of(s), false);
        assertThat(runs.runs()).containsExactly(new PlottableRuns.Run(0, 0, 2), new PlottableRuns.Run(0, 1, 1),
                new PlottableRuns.Run(0, 2, 1));
        assertThat(runs.dataset().getSeriesCount()).isEqualTo(3);
        assertThat(runs.dataset().getSeriesKey(1).toString()).isEqualTo("EPNS");
    }

    @Test
    void pointsWithoutFiniteIntervalsKeepTheirValueWithAnEmptyInterval() {
        Series s = new Series("band", new double[] {0, 1}, new double[] {1, 2}, new double[] {0, NAN}, new double[] {2, 3});
        PlottableRuns runs = new PlottableRuns(List.of(s), false);
        assertThat(runs.dataset().getStartYValue(0, 0)).isEqualTo(0);
        assertThat(runs.dataset().getEndYValue(0, 0)).isEqualTo(2);
        assertThat(runs.dataset().getStartYValue(0, 1)).isEqualTo(2);
        assertThat(runs.dataset().getEndYValue(0, 1)).isEqualTo(2);
    }

    @Test
    void aLogAxisDropsNonPositiveX() {
        Series s = Series.of("sizes", new double[] {-1, 0, 10, 100}, new double[] {1, 2, 3, 4});
        PlottableRuns runs = new PlottableRuns(List.of(s), true);
        assertThat(runs.runs()).containsExactly(new PlottableRuns.Run(0, 0, 2));
        assertThat(runs.dataset().getXValue(0, 0)).isEqualTo(10);
    }

    @Test
    void aSeriesWithoutDrawablePointsStaysAsAnEmptyRun() {
        PlottableRuns runs = new PlottableRuns(List.of(Series.of("none", new double[] {1}, new double[] {NAN})), false);
        assertThat(runs.runs()).containsExactly(new PlottableRuns.Run(0, 0, 0));
    }

    @Test
    void duplicateNamesAreRejected() {
        Series a = Series.of("same", new double[] {1}, new double[] {1});
        assertThatThrownBy(() -> new PlottableRuns(List.of(a, a), false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'same'");
    }
}
