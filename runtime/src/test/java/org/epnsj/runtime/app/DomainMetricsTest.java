package org.epnsj.runtime.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.DatasetPreset;
import org.epnsj.api.data.GroundTruthSimulator;
import org.epnsj.api.data.TrajectoryCodec;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.spi.DomainEvaluator;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.spi.EvaluationContext;
import org.epnsj.api.spi.ModelDescription;
import org.epnsj.api.state.StateSchema;
import org.junit.jupiter.api.Test;

/** Every evaluation's metrics are checked against what the domain's evaluator declares. */
class DomainMetricsTest {

    private static final List<Metric> DECLARED = List.of(
            Metric.scalar("testNegativeElbo", "nats per transition", "negative ELBO").lowerIsBetter(),
            Metric.scalar("speed", "m/s", "mean speed of the particles"));

    @Test
    void metricsAsDeclaredPass() {
        Map<String, Object> reported = Map.of("testNegativeElbo", 1.5, "speed", 0.3);
        assertThat(EpnsRuntime.domainMetrics(domain(reported, DECLARED), null)).isEqualTo(reported);
    }

    @Test
    void aMetricMissingFromTheDeclarationsFailsTheEvaluationNamingIt() {
        Map<String, Object> reported = new LinkedHashMap<>(Map.of("testNegativeElbo", 1.5, "speed", 0.3));
        reported.put("radius", 2.0);
        assertThatThrownBy(() -> EpnsRuntime.domainMetrics(domain(reported, DECLARED), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the evaluator of domain 'stub' reported metric 'radius', not declared in its metrics()");
    }

    @Test
    void aDeclaredMetricThatWasNotReportedFailsTheEvaluationNamingIt() {
        assertThatThrownBy(() -> EpnsRuntime.domainMetrics(domain(Map.of("testNegativeElbo", 1.5), DECLARED), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the evaluator of domain 'stub' declares metric 'speed' but did not report it");
    }

    @Test
    void anEvaluatorThatDeclaresNothingReportsWhatItLikes() {
        Map<String, Object> reported = Map.of("anything", List.of(1.0, 2.0), "note", "text");
        assertThat(EpnsRuntime.domainMetrics(domain(reported, List.of()), null)).isEqualTo(reported);
    }

    private static DomainProvider domain(Map<String, Object> reported, List<Metric> declared) {
        DomainEvaluator evaluator = new DomainEvaluator() {
            @Override
            public Map<String, Object> evaluate(EvaluationContext context) {
                return reported;
            }

            @Override
            public List<Metric> metrics() {
                return declared;
            }
        };
        return new DomainProvider() {
            @Override public String id() { return "stub"; }
            @Override public String version() { return "1"; }
            @Override public String description() { return "a domain with only an evaluator"; }
            @Override public String symmetryId() { return "none"; }
            @Override public StateSchema schema() { throw new UnsupportedOperationException(); }
            @Override public GroupAction<?> stateAction() { throw new UnsupportedOperationException(); }
            @Override public List<String> presets() { return List.of("tiny"); }
            @Override public DatasetPreset datasetPreset(String preset) { throw new UnsupportedOperationException(); }
            @Override public GroundTruthSimulator simulator(String preset) { throw new UnsupportedOperationException(); }
            @Override public TrajectoryCodec codec() { throw new UnsupportedOperationException(); }
            @Override public List<ModelDescription> modelDescriptions() { return List.of(); }
            @Override public DomainEvaluator evaluator() { return evaluator; }
        };
    }
}
