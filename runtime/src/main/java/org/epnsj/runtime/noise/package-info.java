/** Seeded, engine-independent noise sources. */
package org.epnsj.runtime.noise;
