package org.epnsj.api.spi;

import java.util.List;
import java.util.Map;
import org.epnsj.api.metric.Metric;

/** A domain's metrics (energy statistics, cluster counts, ...). */
public interface DomainEvaluator {

    /**
     * Computes the domain's metrics for a trained model.
     *
     * @return metric name to value (numbers, or nested maps and lists of numbers), in a stable order
     */
    Map<String, Object> evaluate(EvaluationContext context);

    /**
     * What each metric {@link #evaluate} reports is: unit, range, which values are better, layout and
     * figure ({@link Metric}). Reports label, bound and draw the metrics from these declarations, and
     * the runtime fails an evaluation that reports a metric not declared here, or leaves out one
     * declared here that is not optional, naming the metric.
     *
     * <p>The default declares nothing: the metrics are then reported unchecked and drawn without
     * units, bounds or a better direction ({@link Metric#undeclared}).
     */
    default List<Metric> metrics() {
        return List.of();
    }
}
