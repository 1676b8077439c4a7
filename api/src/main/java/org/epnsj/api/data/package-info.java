/** Trajectories, their files, data-set presets and ground-truth simulators. */
package org.epnsj.api.data;
