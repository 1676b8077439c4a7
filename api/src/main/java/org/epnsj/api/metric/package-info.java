/**
 * What a domain's metrics are: each {@link org.epnsj.api.metric.Metric} an evaluator reports, with its
 * unit, the values it can take, which values are better and how reports draw it, and the check that an
 * evaluator reports exactly what it declares ({@link org.epnsj.api.metric.MetricDeclarations}).
 */
package org.epnsj.api.metric;
