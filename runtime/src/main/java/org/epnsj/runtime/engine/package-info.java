/** Engine and device selection with offline mode and device assertions. */
package org.epnsj.runtime.engine;
