package org.epnsj.api.spi;

import java.util.List;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.training.TrainingConfig;

/** What the runtime hands a domain's evaluator: the trained model, the data and a sampler. */
public interface EvaluationContext {

    /** The trained model. */
    TransitionModel model();

    /** The configuration it was trained with (stride, readout). */
    TrainingConfig config();

    /** The trajectories of a split; empty when the data set lacks it. */
    List<Trajectory> split(String name);

    /**
     * Model rollouts: {@code samples} independent trajectories of {@code steps + 1} frames (the
     * first is {@code start}'s frame {@code startFrame}), one model step per frame.
     */
    List<Trajectory> rollouts(Trajectory start, int startFrame, int steps, int samples);

    /**
     * One model step from frame {@code startFrame} of {@code trajectory} with z drawn from the
     * approximate posterior given the true frame {@code startFrame + stride}, read out as rollouts
     * are: {@code samples} trajectories of two frames (the start and the step). Beside the prior's
     * one-step {@link #rollouts} it shows whether the latent carries the true change (posterior steps
     * close to the truth) and whether the prior's draws reach what the posterior's do.
     *
     * <p>The runtime's context implements it; the default, for contexts written before it (test fakes),
     * says that it is missing.
     *
     * @throws IllegalArgumentException if the trajectory has no frame {@code startFrame + stride}
     */
    default List<Trajectory> posteriorSteps(Trajectory trajectory, int startFrame, int samples) {
        throw new UnsupportedOperationException(getClass().getName() + " draws no posterior steps");
    }

    /**
     * The teacher-forced negative ELBO per transition in nats (z from the posterior, beta 1, no free
     * bits), averaged over all transitions of the split with the given stride: an upper bound on
     * the negative log-likelihood.
     */
    double negativeElbo(String split);
}
