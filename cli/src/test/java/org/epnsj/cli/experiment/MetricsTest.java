package org.epnsj.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static Map<String, Object> nbodyLike() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("testNegativeElbo", -88.2);
        m.put("ksSteps", List.of(24.0, 49.0, 99.0));
        m.put("ksKineticEnergyStatistic", List.of(0.3, 0.54, 0.23));
        m.put("stableFraction", List.of(1.0, 1.0, 1.0, 1.0, 0.9, 0.9, 0.8));
        m.put("thresholds", Map.of("minVolume", 16.0));
        m.put("clusterKs", List.of(Map.of("step", 15.0, "statistic", 0.5), Map.of("step", 30.0, "statistic", 0.25)));
        m.put("note", "text is ignored");
        return m;
    }

    @Test
    void flattensNumbersStepsRecordsMapsAndCurveEnds() {
        Map<String, Double> s = Metrics.scalars(nbodyLike());
        assertThat(s).containsEntry("testNegativeElbo", -88.2).containsEntry("ksKineticEnergyStatistic@49", 0.54)
                .containsEntry("clusterKs.statistic@30", 0.25).containsEntry("thresholds.minVolume", 16.0)
                .containsEntry("stableFraction.last", 0.8).doesNotContainKey("ksSteps@24").doesNotContainKey("note");
        assertThat(Metrics.curves(nbodyLike())).containsOnlyKeys("stableFraction");
    }

    @Test
    void nonFiniteValuesWrittenAsStringsAreNumbersThatKeepTheirPlace() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("speedModel", "NaN");
        m.put("speedData", 0.8);
        m.put("growth", "-Infinity");
        m.put("curve", List.of(0.0, 1.0, 2.0, 3.0, 4.0, "NaN"));
        m.put("note", "NaN is not a note");
        Map<String, Double> s = Metrics.scalars(m);
        assertThat(s.keySet()).containsExactly("speedModel", "speedData", "growth", "curve.last");
        assertThat(s.get("speedModel")).isNaN();
        assertThat(s.get("growth")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Metrics.select(List.of("speed*"), s.keySet())).containsExactly("speedModel", "speedData");
    }

    @Test
    void selectsByPatternInPatternOrder() {
        List<String> names = List.of("a@1", "b", "a@2", "c.last");
        assertThat(Metrics.select(List.of("b", "a@*", "missing"), names)).containsExactly("b", "a@1", "a@2");
        assertThat(Metrics.splitStep("clusterKs.statistic@15")).containsExactly("clusterKs.statistic", "15");
        assertThat(Metrics.splitStep("b")).isNull();
    }

    @Test
    void summaryLeavesNonFiniteRunsOutAndSaysSo() {
        Summary s = Summary.of(new double[] {1, 2, 3, Double.NaN});
        assertThat(s.mean()).isEqualTo(2.0);
        assertThat(s.std()).isCloseTo(1.0, within(1e-12));
        assertThat(s.n()).isEqualTo(3);
        assertThat(s.format()).isEqualTo("2.00 ± 1.0 (1 non-finite)");
        assertThat(Summary.of(new double[] {5}).format()).isEqualTo("5.00");
        assertThat(Summary.of(new double[] {Double.NaN}).format()).isEqualTo("non-finite (1)");
    }
}
