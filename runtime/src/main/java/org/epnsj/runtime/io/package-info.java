/**
 * Files on disk: atomic writes, NumPy {@code .npy} arrays and trajectories, the tensor archive of
 * checkpoints, and data-set folders with their {@code dataset.json} manifest and generator.
 */
package org.epnsj.runtime.io;
