/** What a state of a domain looks like: shape, channels and boundary semantics. */
package org.epnsj.api.state;
