package org.epnsj.api.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricDeclarationsTest {

    private static final String OWNER = "the evaluator of domain 'test'";

    private static final List<Metric> DECLARED = List.of(
            Metric.scalar("testNegativeElbo", "nats per transition", "negative ELBO").lowerIsBetter(),
            Metric.steps("ksSteps", "steps of the KS tests"),
            Metric.perStep("ksSpeedStatistic", "", "ksSteps", "KS statistic of the speed").range(Range.UNIT_INTERVAL)
                    .lowerIsBetter().figure("ks-speed"),
            Metric.perStep("clusterKs.statistic", "", null, "KS statistic of the cluster count").lowerIsBetter(),
            Metric.scalar("thresholds.minVolume", "pixels", "smallest stable volume"),
            Metric.curve("stableFraction", "", "fraction of stable rollouts").higherIsBetter(),
            Metric.scalar("divergedAtStep", "model steps", "the step a rollout diverged at").asOptional(),
            Metric.scalar("msdModel" + Metric.STEP, "pixels²", "mean squared displacement at a step"));

    private static Map<String, Object> reported() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("testNegativeElbo", -3.5);
        m.put("ksSteps", List.of(5, 10));
        m.put("ksSpeedStatistic", List.of(0.25, Double.NaN));
        m.put("clusterKs", List.of(Map.of("step", 5, "statistic", 0.5), Map.of("step", 10, "statistic", 0.2)));
        m.put("thresholds", Map.of("minVolume", 16.0));
        m.put("stableFraction", List.of(1.0, 1.0, 0.5));
        m.put("msdModel10", 2.5);
        m.put("msdModel11", 2.7);
        return m;
    }

    @Test
    void whatIsDeclaredAndReportedPassesWithOrWithoutTheOptionalMetric() {
        assertThatCode(() -> MetricDeclarations.check(OWNER, DECLARED, reported())).doesNotThrowAnyException();
        Map<String, Object> diverged = reported();
        diverged.put("divergedAtStep", 7);
        assertThatCode(() -> MetricDeclarations.check(OWNER, DECLARED, diverged)).doesNotThrowAnyException();
    }

    @Test
    void aReportedMetricWithoutDeclarationFailsNamingIt() {
        Map<String, Object> m = reported();
        m.put("speed", 0.8);
        assertThatThrownBy(() -> MetricDeclarations.check(OWNER, DECLARED, m)).isInstanceOf(IllegalStateException.class)
                .hasMessage(OWNER + " reported metric 'speed', not declared in its metrics()");
    }

    @Test
    void aNestedFieldWithoutDeclarationFailsNamingTheField() {
        Map<String, Object> m = reported();
        m.put("thresholds", Map.of("minVolume", 16.0, "maxVolume", 30.0));
        assertThatThrownBy(() -> MetricDeclarations.check(OWNER, DECLARED, m))
                .hasMessageContaining("reported metric 'thresholds.maxVolume', not declared");
    }

    @Test
    void aDeclaredMetricThatIsNotReportedFailsNamingIt() {
        Map<String, Object> m = reported();
        m.remove("stableFraction");
        assertThatThrownBy(() -> MetricDeclarations.check(OWNER, DECLARED, m)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(OWNER + " declares metric 'stableFraction' but did not report it");
    }

    @Test
    void aValueOfAnotherShapeThanDeclaredFailsNamingTheMetric() {
        Map<String, Object> m = reported();
        m.put("testNegativeElbo", List.of(1.0, 2.0));
        m.put("ksSpeedStatistic", List.of(0.25));
        assertThatThrownBy(() -> MetricDeclarations.check(OWNER, DECLARED, m))
                .hasMessageContaining("metric 'testNegativeElbo' is declared SCALAR but reported as a list of 2 numbers")
                .hasMessageContaining("metric 'ksSpeedStatistic' has 1 values but its steps 'ksSteps' has 2");
    }

    @Test
    void aFamilyMustBeReportedForSomeStep() {
        Map<String, Object> m = reported();
        m.remove("msdModel10");
        m.remove("msdModel11");
        assertThatThrownBy(() -> MetricDeclarations.check(OWNER, DECLARED, m))
                .hasMessageContaining("declares metric 'msdModel{step}' but did not report it");
        assertThat(MetricDeclarations.find(DECLARED, "msdModel40")).map(Metric::unit).hasValue("pixels²");
        assertThat(MetricDeclarations.find(DECLARED, "ksSteps")).map(Metric::shape).hasValue(Shape.STEPS);
        assertThat(MetricDeclarations.find(DECLARED, "speed")).isEmpty();
    }

    @Test
    void anEvaluatorThatDeclaresNothingIsNotChecked() {
        assertThatCode(() -> MetricDeclarations.check(OWNER, List.of(), Map.of("anything", "goes")))
                .doesNotThrowAnyException();
    }

    @Test
    void declarationsThatNameMissingMetricsAreRejected() {
        assertThatThrownBy(() -> MetricDeclarations.validate(OWNER, List.of(
                Metric.curve("median", "J", "median energy").band("q10", "q90").reference("truth"),
                Metric.curve("q10", "J", "10 % quantile"),
                Metric.scalar("q90", "J", "90 % quantile"),
                Metric.perStep("ks", "", "steps", "KS"),
                Metric.scalar("q10", "J", "again"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metric 'q10' is declared twice")
                .hasMessageContaining("metric 'median' names reference 'truth', which is not declared")
                .hasMessageContaining("band end 'q90', which is not a declared CURVE metric")
                .hasMessageContaining("metric 'ks' names steps 'steps', which is not a declared STEPS metric");
    }
}
