package org.epnsj.domain.cellular;

/**
 * The sizes of the cell EPNS (spec sections 4.4-4.6, 7).
 *
 * @param width channels of every hidden grid (reference 32)
 * @param edgeKernel kernel of the processor's edge network (reference 9)
 * @param edgeLayers convolutions in each edge network (reference 3)
 * @param nodeKernel kernel of the node networks' convolutions (reference 5, inside a U-Net)
 * @param nodeLayers convolutions in each node network after its 1x1 mixing convolution
 * @param decoderKernel kernel of the decoder's edge network (reference 11)
 * @param priorKernel kernel of the prior and posterior convolutions (reference 9)
 * @param priorLayers convolutions of the prior and posterior nets (reference 4)
 * @param latent latent dimensions per cell (reference 64)
 */
record EpnsSize(int width, int edgeKernel, int edgeLayers, int nodeKernel, int nodeLayers, int decoderKernel,
        int priorKernel, int priorLayers, int latent) {

    /** Validates the fields. */
    EpnsSize {
        if (width < 1 || edgeLayers < 1 || nodeLayers < 0 || priorLayers < 1 || latent < 1) {
            throw new IllegalArgumentException("EPNS sizes must be positive (node layers >= 0): " + this);
        }
        for (int k : new int[] {edgeKernel, nodeKernel, decoderKernel, priorKernel}) {
            if (k < 1 || k % 2 == 0) {
                throw new IllegalArgumentException("EPNS kernels must be odd: " + this);
            }
        }
    }
}
