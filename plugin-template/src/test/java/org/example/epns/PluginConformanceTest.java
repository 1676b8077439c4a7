package org.example.epns;

import org.epnsj.conformance.PluginDiscoveryContract;

/**
 * The conformance kit on every plugin this project registers in META-INF/services: C6's group laws,
 * the hex-drift state action's laws, and every rule on each of the domain's models.
 */
class PluginConformanceTest implements PluginDiscoveryContract {
}
