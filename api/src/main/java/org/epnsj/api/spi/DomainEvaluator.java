package org.epnsj.api.spi;

import java.util.Map;

/** A domain's metrics (energy statistics, cluster counts, ...). */
public interface DomainEvaluator {

    /**
     * Computes the domain's metrics for a trained model.
     *
     * @return metric name to value (numbers, or nested maps and lists of numbers), in a stable order
     */
    Map<String, Object> evaluate(EvaluationContext context);
}
