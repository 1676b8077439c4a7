package org.epnsj.reports.experiment;

import java.util.List;
import java.util.Optional;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.metric.MetricDeclarations;
import org.epnsj.api.metric.Shape;

/** The metrics a domain's evaluator declares, looked up by the keys its reports hold. */
final class Declarations {

    private final List<Metric> metrics;

    Declarations(List<Metric> metrics) {
        this.metrics = List.copyOf(metrics);
    }

    /** The declaration of a key (a metric, or a member of a family), if the evaluator declares it. */
    Optional<Metric> find(String key) {
        return MetricDeclarations.find(metrics, key);
    }

    /** The declaration of a key, or the undeclared default for a value of that shape. */
    Metric orUndeclared(String key, Shape shape) {
        return find(key).orElseGet(() -> Metric.undeclared(key, shape));
    }

    /** Every declaration, in the evaluator's order. */
    List<Metric> all() {
        return metrics;
    }
}
