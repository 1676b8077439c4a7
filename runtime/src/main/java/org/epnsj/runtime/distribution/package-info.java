/** Distributions used by EPNS models: diagonal (block-isotropic) Gaussians and categoricals. */
package org.epnsj.runtime.distribution;
