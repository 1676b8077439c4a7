package org.epnsj.reports.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.metric.Range;
import org.epnsj.api.metric.Shape;
import org.junit.jupiter.api.Test;

class MetricValuesTest {

    private static final Declarations DECLARED = new Declarations(List.of(
            Metric.scalar("testNegativeElbo", "nats per transition", "negative ELBO").lowerIsBetter(),
            Metric.steps("ksSteps", "KS steps"),
            Metric.perStep("ksKineticEnergyStatistic", "", "ksSteps", "KS of the kinetic energy")
                    .range(Range.UNIT_INTERVAL).lowerIsBetter(),
            // A short curve is still a curve, because it is declared one.
            Metric.curve("stableFraction", "fraction of runs", "stable fraction").range(Range.UNIT_INTERVAL),
            Metric.scalar("thresholds.minVolume", "pixels", "smallest volume"),
            Metric.perStep("clusterKs.statistic", "", null, "KS of the cluster counts"),
            Metric.scalar("msdModel" + Metric.STEP, "pixels²", "MSD at a step"),
            Metric.text("note", "a note")));

    private static Map<String, Object> nbodyLike() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("testNegativeElbo", -88.2);
        m.put("ksSteps", List.of(24.0, 49.0, 99.0));
        m.put("ksKineticEnergyStatistic", List.of(0.3, 0.54, 0.23));
        m.put("stableFraction", List.of(1.0, 0.9, 0.8));
        m.put("thresholds", Map.of("minVolume", 16.0));
        m.put("clusterKs", List.of(Map.of("step", 15.0, "statistic", 0.5), Map.of("step", 30.0, "statistic", 0.25)));
        m.put("msdModel11", 3.5);
        m.put("note", "text is not a number");
        return m;
    }

    private static Map<String, MetricValues.Value> byName(List<MetricValues.Value> values) {
        return values.stream().collect(Collectors.toMap(MetricValues.Value::name, v -> v, (a, b) -> a,
                LinkedHashMap::new));
    }

    @Test
    void declaredValuesAreReadAsDeclaredAndCarryTheirDeclaration() {
        Map<String, MetricValues.Value> s = byName(MetricValues.scalars(nbodyLike(), DECLARED));

        assertThat(s.keySet()).containsExactly("testNegativeElbo", "ksKineticEnergyStatistic@24",
                "ksKineticEnergyStatistic@49", "ksKineticEnergyStatistic@99", "stableFraction.last",
                "thresholds.minVolume", "clusterKs.statistic@15", "clusterKs.statistic@30", "msdModel11");
        assertThat(s.get("ksKineticEnergyStatistic@49").value()).isEqualTo(0.54);
        assertThat(s.get("ksKineticEnergyStatistic@49").step()).isEqualTo(49.0);
        assertThat(s.get("ksKineticEnergyStatistic@49").metric().range()).isEqualTo(Range.UNIT_INTERVAL);
        assertThat(s.get("stableFraction.last").value()).isEqualTo(0.8);
        assertThat(s.get("stableFraction.last").metric().unit()).isEqualTo("fraction of runs");
        assertThat(s.get("thresholds.minVolume").metric().unit()).isEqualTo("pixels");
        assertThat(s.get("clusterKs.statistic@30").step()).isEqualTo(30.0);
        assertThat(s.get("msdModel11").metric().unit()).isEqualTo("pixels²");
    }

    @Test
    void undeclaredValuesAreReadByTheirShapeWithoutUnits() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("speed", "NaN");
        m.put("growth", "-Infinity");
        m.put("curve", List.of(0.0, 1.0, 2.0, 3.0, 4.0, "NaN"));
        m.put("pair", List.of(1.0, 2.0));
        m.put("note", "NaN is not a note");
        Map<String, MetricValues.Value> s = byName(MetricValues.scalars(m, new Declarations(List.of())));

        assertThat(s.keySet()).containsExactly("speed", "growth", "curve.last", "pair[0]", "pair[1]");
        assertThat(s.get("speed").value()).isNaN();
        assertThat(s.get("growth").value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(s.get("speed").metric()).isEqualTo(Metric.undeclared("speed", Shape.SCALAR));
        assertThat(s.get("speed").metric().unit()).isEmpty();
        assertThat(MetricValues.select(List.of("sp*", "g*"), s.keySet())).containsExactly("speed", "growth");
    }

    @Test
    void selectsByPatternInPatternOrder() {
        List<String> names = List.of("a@1", "b", "a@2", "c.last");
        assertThat(MetricValues.select(List.of("b", "a@*", "missing"), names)).containsExactly("b", "a@1", "a@2");
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

    @Test
    void bandsOfMeanAndStdStayWithinTheDeclaredRange() {
        var band = StudyRuns.meanBand("a", List.of(new double[] {0.9, 0.0}, new double[] {1.0, 0.2}),
                Range.UNIT_INTERVAL);
        assertThat(band.upper()[0]).isEqualTo(1.0);
        assertThat(band.lower()[1]).isEqualTo(0.0);
        assertThat(band.y()[0]).isCloseTo(0.95, within(1e-12));
        var free = StudyRuns.meanBand("b", List.of(new double[] {0.9}, new double[] {1.0}), Range.ANY);
        assertThat(free.upper()[0]).isGreaterThan(1.0);
    }
}
