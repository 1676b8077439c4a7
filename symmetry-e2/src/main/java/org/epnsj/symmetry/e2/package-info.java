/**
 * The E(2) × S_n symmetry plugin: group elements of the plane (rotations, reflections, translations)
 * combined with particle permutations, Haar sampling, and exact actions on planar particle states and
 * per-particle features.
 */
package org.epnsj.symmetry.e2;
