/**
 * Stochastic celestial dynamics: the ground-truth n-body simulator (spec §D2), its energy and
 * momentum diagnostics, and the data-set presets and file layout.
 */
package org.epnsj.domain.nbody;
