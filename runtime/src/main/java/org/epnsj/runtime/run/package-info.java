/** Run folders: configuration, provenance, checkpoints and metrics. */
package org.epnsj.runtime.run;
