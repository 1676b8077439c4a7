/**
 * The equivariance conformance kit: plain-Java checks that return {@link
 * org.epnsj.conformance.CheckReport}s, and JUnit Jupiter contracts that turn them into one dynamic
 * test per rule and group element. See the module's README for how to run it on a plugin.
 */
package org.epnsj.conformance;
