/**
 * The engine-neutral op layer: graph aggregation, gathers, periodic padding, exact grid rotations,
 * convolutions (with a guard for a PyTorch float32 gradient bug) and 3×3 symmetric eigen
 * decomposition, each with one implementation that runs forward and backward on every supported engine.
 */
package org.epnsj.runtime.ops;
