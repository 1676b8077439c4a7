/**
 * The flocking domain: self-propelled particles in free 2-D space with alignment, short-range
 * repulsion, long-range attraction and angular noise, under E(2) × S_N; the simulator, presets, codec,
 * models ({@code .model}) and swarm metrics.
 */
package org.epnsj.domain.flocking;
