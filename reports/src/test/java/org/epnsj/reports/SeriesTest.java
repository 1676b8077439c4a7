package org.epnsj.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeriesTest {

    private static final double[] XS = {1, 2, 3};

    @Test
    void lengthMismatchesNameTheSeriesAndTheArray() {
        assertThatThrownBy(() -> Series.of("EPNS", XS, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'EPNS'")
                .hasMessageContaining("y has 2 values but x has 3");
        assertThatThrownBy(() -> new Series("PNS", XS, XS, new double[] {0, 0}, XS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'PNS'")
                .hasMessageContaining("lower has 2 values");
        assertThatThrownBy(() -> new Series("PNS", XS, XS, XS, new double[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upper has 4 values");
    }

    @Test
    void missingArraysAreRejectedWithTheSeriesName() {
        assertThatThrownBy(() -> Series.of("truth", null, XS)).hasMessageContaining("'truth'").hasMessageContaining("x is null");
        assertThatThrownBy(() -> Series.of("truth", XS, null)).hasMessageContaining("'truth'").hasMessageContaining("y is null");
        assertThatThrownBy(() -> new Series("truth", XS, XS, XS, null)).hasMessageContaining("'truth'")
                .hasMessageContaining("both");
        assertThatThrownBy(() -> Series.of(null, XS, XS)).hasMessageContaining("name is null");
    }

    @Test
    void arraysAreCopiedInAndOut() {
        double[] y = {4, 5, 6};
        Series s = Series.of("a", XS, y);
        y[0] = 99;
        s.y()[1] = 99;
        assertThat(s.y()).containsExactly(4, 5, 6);
        assertThat(s.hasInterval()).isFalse();
        assertThat(s.lower()).isNull();
        assertThat(s).isEqualTo(Series.of("a", XS, new double[] {4, 5, 6})).hasSameHashCodeAs(Series.of("a", XS, new double[] {4, 5, 6}));
        assertThat(new Series("a", XS, XS, XS, XS).hasInterval()).isTrue();
    }

    @Test
    void nonFiniteValuesAreAccepted() {
        Series s = Series.of("gaps", XS, new double[] {Double.NaN, Double.POSITIVE_INFINITY, 1});
        assertThat(s.size()).isEqualTo(3);
    }
}
