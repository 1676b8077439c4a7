package org.epnsj.api.training;

import org.epnsj.api.model.Readout;

/**
 * Everything that determines a training run besides the model and the data.
 *
 * @param epochs number of epochs, >= 1
 * @param batchSize samples per optimiser step, >= 1
 * @param samplesPerTrajectory training samples drawn per training trajectory and epoch, >= 1
 * @param stride the model's step k in frames, >= 1
 * @param adam optimiser settings
 * @param klAnnealing the beta schedule
 * @param freeBits free-bits threshold lambda in nats per latent element (0: off)
 * @param strategy one-step or multi-step
 * @param multiStep the rollout-length schedule used by {@link TrainingStrategy#MULTI_STEP}
 * @param trainingReadout how a prediction becomes the next input during multi-step training
 * @param rolloutReadout how a prediction becomes the next state when sampling rollouts
 * @param seed the seed of every random draw of the run
 * @param freeBitsPriorGradient whether a KL element below the free-bits threshold still trains the
 *     prior toward the posterior (only the posterior's gradient is dropped); false (the reference's
 *     objective, and a configuration without the field) detaches the whole element, so that a latent
 *     kept below the threshold leaves the prior untrained
 */
public record TrainingConfig(
        int epochs,
        int batchSize,
        int samplesPerTrajectory,
        int stride,
        AdamSettings adam,
        KlAnnealing klAnnealing,
        double freeBits,
        TrainingStrategy strategy,
        MultiStepSchedule multiStep,
        Readout trainingReadout,
        Readout rolloutReadout,
        long seed,
        boolean freeBitsPriorGradient) {

    /** A configuration with the reference's free bits ({@code freeBitsPriorGradient} false). */
    public TrainingConfig(int epochs, int batchSize, int samplesPerTrajectory, int stride, AdamSettings adam,
            KlAnnealing klAnnealing, double freeBits, TrainingStrategy strategy, MultiStepSchedule multiStep,
            Readout trainingReadout, Readout rolloutReadout, long seed) {
        this(epochs, batchSize, samplesPerTrajectory, stride, adam, klAnnealing, freeBits, strategy, multiStep,
                trainingReadout, rolloutReadout, seed, false);
    }

    /** Validates the fields. */
    public TrainingConfig {
        Checks.atLeast("epochs", epochs, 1);
        Checks.atLeast("batchSize", batchSize, 1);
        Checks.atLeast("samplesPerTrajectory", samplesPerTrajectory, 1);
        Checks.atLeast("stride", stride, 1);
        Checks.nonNegative("freeBits", freeBits);
        if (adam == null || klAnnealing == null || strategy == null || multiStep == null
                || trainingReadout == null || rolloutReadout == null) {
            throw new IllegalArgumentException("training config fields must not be null");
        }
        if (trainingReadout == Readout.SAMPLE) {
            throw new IllegalArgumentException("trainingReadout must be MEAN or MODE: multi-step training "
                    + "feeds the detached prediction back, not a sample");
        }
    }

    /** The optimiser steps of a whole run on {@code trainTrajectories} training trajectories. */
    public long optimiserSteps(int trainTrajectories) {
        Checks.atLeast("trainTrajectories", trainTrajectories, 1);
        long samples = (long) trainTrajectories * samplesPerTrajectory;
        return epochs * ((samples + batchSize - 1) / batchSize);
    }

    /** A copy with another number of epochs. */
    public TrainingConfig withEpochs(int n) {
        return new TrainingConfig(n, batchSize, samplesPerTrajectory, stride, adam, klAnnealing, freeBits,
                strategy, multiStep, trainingReadout, rolloutReadout, seed, freeBitsPriorGradient);
    }

    /** A copy with another seed. */
    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(epochs, batchSize, samplesPerTrajectory, stride, adam, klAnnealing, freeBits,
                strategy, multiStep, trainingReadout, rolloutReadout, s, freeBitsPriorGradient);
    }

    /** A copy with another strategy and schedule. */
    public TrainingConfig withStrategy(TrainingStrategy st, MultiStepSchedule schedule) {
        return new TrainingConfig(epochs, batchSize, samplesPerTrajectory, stride, adam, klAnnealing, freeBits,
                st, schedule, trainingReadout, rolloutReadout, seed, freeBitsPriorGradient);
    }

    /** A copy whose rollouts read predictions out with {@code r}. */
    public TrainingConfig withRolloutReadout(Readout r) {
        return new TrainingConfig(epochs, batchSize, samplesPerTrajectory, stride, adam, klAnnealing, freeBits,
                strategy, multiStep, trainingReadout, r, seed, freeBitsPriorGradient);
    }

    /** A copy with another batch size. */
    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(epochs, b, samplesPerTrajectory, stride, adam, klAnnealing, freeBits,
                strategy, multiStep, trainingReadout, rolloutReadout, seed, freeBitsPriorGradient);
    }
}
