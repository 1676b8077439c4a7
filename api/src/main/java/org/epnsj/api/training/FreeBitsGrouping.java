package org.epnsj.api.training;

/**
 * Which KL elements share one free-bits statistic (spec section 1.3). The statistic of a group is its
 * KL summed over the batch and the group's other axes, divided by the batch size; where it is below
 * the threshold lambda, every element of the group is detached (it still counts in the loss value).
 */
public enum FreeBitsGrouping {
    /**
     * One statistic per latent element position (every axis but the batch): the reference's graph
     * models, with one per (node, dimension), and every model with one global latent vector.
     */
    PER_ELEMENT,
    /**
     * One statistic per latent dimension (the last axis), from the KL summed over the batch and every
     * node: the reference's grid models with one latent per cell, where nodes come and go with the
     * cell count.
     */
    PER_DIMENSION
}
