/** Training settings: optimiser, KL annealing, free bits, one-step and multi-step schedules. */
package org.epnsj.api.training;
