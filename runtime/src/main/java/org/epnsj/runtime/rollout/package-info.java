/** Sampling trajectories from trained models. */
package org.epnsj.runtime.rollout;
