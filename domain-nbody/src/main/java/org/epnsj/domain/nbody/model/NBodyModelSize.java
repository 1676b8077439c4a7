package org.epnsj.domain.nbody.model;

/**
 * The sizes of an n-body model.
 *
 * @param width embedding and hidden width (128 for the graph models, 512 for the MLP at paper size)
 * @param processorLayers layers of the forward model
 * @param latentLayers layers of the prior and posterior networks
 * @param decoderLayers layers of the decoder network
 * @param latent latent dimensions (per body, or global)
 */
public record NBodyModelSize(int width, int processorLayers, int latentLayers, int decoderLayers, int latent) {

    /** Validates the fields. */
    public NBodyModelSize {
        if (width < 1 || processorLayers < 1 || latentLayers < 1 || decoderLayers < 1 || latent < 1) {
            throw new IllegalArgumentException("model sizes must be >= 1, got " + width + ", " + processorLayers + ", "
                    + latentLayers + ", " + decoderLayers + ", " + latent);
        }
    }

    /** The graph models at paper size (spec §3.4, §3.5). */
    public static NBodyModelSize paperGraph() {
        return new NBodyModelSize(128, 5, 5, 3, 16);
    }

    /** The MLP baseline at paper size (spec §3.6). */
    public static NBodyModelSize paperMlp() {
        return new NBodyModelSize(512, 5, 5, 3, 16);
    }
}
