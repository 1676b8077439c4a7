/**
 * Stochastic celestial dynamics: the ground-truth n-body simulator (spec §D2), its energy and
 * momentum diagnostics, the data-set presets and file layout, and the evaluation metrics of spec §5
 * ({@link org.epnsj.domain.nbody.NBodyEvaluator}).
 */
package org.epnsj.domain.nbody;
