/**
 * The E(3) × S_n symmetry plugin: group elements, Haar sampling, exact actions on particle states and
 * frame averaging for building O(3)-equivariant models from arbitrary functions.
 */
package org.epnsj.symmetry.e3;
