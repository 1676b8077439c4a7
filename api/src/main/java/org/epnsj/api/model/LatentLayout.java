package org.epnsj.api.model;

/** Where the latent variable z lives. */
public enum LatentLayout {
    /** One latent vector per node (body, cell); permuting nodes permutes the latents. */
    PER_NODE,
    /** One latent vector for the whole system. */
    GLOBAL
}
