package org.epnsj.conformance;

/**
 * The discovery suite: every SymmetryProvider and DomainProvider on this module's test class path
 * runs through the kit: the kit's own D4 and planar fixtures and every plugin module of the
 * repository (symmetry-e3, symmetry-p4, domain-nbody, domain-cellular), which are test dependencies.
 */
class PluginDiscoveryConformanceTest implements PluginDiscoveryContract {
}
