package org.epnsj.domain.flocking.model;

/**
 * The sizes of a flocking model.
 *
 * @param width embedding, message and hidden width
 * @param processorLayers message-passing layers of the forward model
 * @param latentLayers layers of the prior and posterior networks
 * @param decoderLayers layers of the decoder network
 * @param latent latent dimensions per particle
 */
public record FlockModelSize(int width, int processorLayers, int latentLayers, int decoderLayers, int latent) {

    /** Validates the fields. */
    public FlockModelSize {
        if (width < 1 || processorLayers < 1 || latentLayers < 1 || decoderLayers < 1 || latent < 1) {
            throw new IllegalArgumentException("model sizes must be >= 1, got width " + width + ", processorLayers "
                    + processorLayers + ", latentLayers " + latentLayers + ", decoderLayers " + decoderLayers
                    + ", latent " + latent);
        }
    }
}
