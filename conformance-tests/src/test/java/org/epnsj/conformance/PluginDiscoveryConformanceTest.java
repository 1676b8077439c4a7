package org.epnsj.conformance;

/**
 * The discovery suite: every SymmetryProvider and DomainProvider on this module's test class path
 * (the kit's own D4 and planar fixtures) runs through the kit.
 */
class PluginDiscoveryConformanceTest implements PluginDiscoveryContract {
}
