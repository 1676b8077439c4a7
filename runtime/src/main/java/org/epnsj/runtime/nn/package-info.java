/** Minimal layers over DJL's functional ops, with named, seeded, engine-independent parameters. */
package org.epnsj.runtime.nn;
