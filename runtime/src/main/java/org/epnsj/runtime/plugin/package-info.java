/** Plugin discovery with ServiceLoader and the Guice wiring of applications. */
package org.epnsj.runtime.plugin;
