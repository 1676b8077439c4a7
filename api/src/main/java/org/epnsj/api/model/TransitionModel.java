package org.epnsj.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Map;
import org.epnsj.api.training.FreeBitsGrouping;

/**
 * One stochastic transition p(x_{t+k} | x_t), made of the four EPNS components, and the parameters
 * they share.
 */
public interface TransitionModel {

    /** The model's name within its domain, e.g. {@code "epns"}. */
    String name();

    /** F: x_t to h_t. */
    ForwardModel forwardModel();

    /** p(z | h). */
    ConditionalPrior prior();

    /** q(z | h, x_{t+k}). */
    ApproximatePosterior posterior();

    /** p(x_{t+k} | h, z). */
    Decoder decoder();

    /**
     * All trainable parameters by stable name, in a fixed order. Names are the checkpoint keys, so
     * they must not change between versions without a migration.
     */
    Map<String, NDArray> parameters();

    /** The dtype of the parameters. */
    DataType dataType();

    /**
     * Turns a predicted distribution into the next state. Static channels are copied from {@code
     * current}, derived channels recomputed. The result carries no gradient.
     */
    NDArray readout(NDArray current, Distribution prediction, Readout readout, NoiseSource noise);

    /**
     * The factor applied to the elementwise KL in the training objective before beta and free bits
     * (the cellular model divides by the number of nodes). One by default. The weight of one nat of
     * KL in the loss is beta times this factor.
     */
    default double klScale() {
        return 1.0;
    }

    /** Which KL elements share one free-bits statistic; one per element position by default. */
    default FreeBitsGrouping freeBitsGrouping() {
        return FreeBitsGrouping.PER_ELEMENT;
    }

    /**
     * The figures the trainer reports for one rollout step against the true next state; by default
     * {@link OneStepAccuracy#RELATIVE_RMS_ERROR}, which suits continuous states.
     */
    default OneStepAccuracy oneStepAccuracy() {
        return OneStepAccuracy.RELATIVE_RMS_ERROR;
    }
}
