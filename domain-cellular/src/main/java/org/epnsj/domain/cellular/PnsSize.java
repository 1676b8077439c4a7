package org.epnsj.domain.cellular;

/**
 * The sizes of the cell PNS U-Net baseline (spec section 4.7, simplified).
 *
 * @param width channels at full resolution (reference 128); twice that at the coarser levels
 * @param levels U-Net resolutions (the grid side must be divisible by 2^(levels - 1))
 * @param priorLayers 3x3 convolutions of the prior and posterior nets (reference 4)
 * @param decoderKernel kernel of the decoder's first convolution (reference 11)
 * @param latent dimensions of the global latent (reference 64)
 */
record PnsSize(int width, int levels, int priorLayers, int decoderKernel, int latent) {

    /** Validates the fields. */
    PnsSize {
        if (width < 1 || levels < 1 || priorLayers < 1 || latent < 1 || decoderKernel < 1 || decoderKernel % 2 == 0) {
            throw new IllegalArgumentException("PNS sizes must be positive and the decoder kernel odd: " + this);
        }
    }
}
