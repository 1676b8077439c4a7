package org.epnsj.runtime.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.api.training.TrainingStrategy;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.run.Checkpoints;
import org.epnsj.runtime.run.RunDirectory;

/**
 * Trains a {@link TransitionModel} on the ELBO with one-step or multi-step training (spec
 * sections 1.3-1.4), one thread, one optimiser step per batch.
 *
 * <p>Every random draw of epoch e comes from the stream (seed, e), so a run resumed from the
 * checkpoint written after epoch e-1 continues exactly as the uninterrupted run would have.
 */
public final class EpnsTrainer implements AutoCloseable {

    private static final Object PYTORCH_COLLECTION = new Object();

    private static final long TRAIN_STREAM = 1;
    private static final long VALIDATION_STREAM = 2;
    private static final long ACCURACY_STREAM = 3;
    private static final int MAX_VALIDATION_TRANSITIONS = 4096;

    private final TransitionModel model;
    private final TrainingConfig config;
    private final List<Trajectory> train;
    private final List<Trajectory> validation;
    private final Map<String, NDArray> parameters;
    private final NDManager root;
    private final AdamOptimizer optimizer;
    private final GradientAccumulator gradients;
    private TrainingListener listener = TrainingListener.NONE;
    private BooleanSupplier stopRequested = () -> false;
    private RunDirectory run;
    private int nextEpoch;
    private double bestValidation = Double.POSITIVE_INFINITY;
    private int bestRolloutLength;
    private List<Trajectory> validationItems;
    private List<Integer> validationStarts;

    /**
     * Creates a trainer at epoch 0.
     *
     * @throws IllegalArgumentException if there is no training data or a trajectory is too short for
     *     the stride
     */
    public EpnsTrainer(TransitionModel model, TrainingConfig config, List<? extends Trajectory> train,
            List<? extends Trajectory> validation) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training trajectories");
        }
        for (List<? extends Trajectory> split : List.of(train, validation)) {
            for (Trajectory t : split) {
                if (t.length() <= config.stride()) {
                    throw new IllegalArgumentException("a trajectory of " + t.length()
                            + " frames is too short for the model stride k = " + config.stride());
                }
            }
        }
        this.model = model;
        this.config = config;
        this.train = List.copyOf(train);
        this.validation = List.copyOf(validation);
        this.parameters = model.parameters();
        this.root = NDManager.subManagerOf(parameters.values().iterator().next());
        this.optimizer = new AdamOptimizer(parameters, config.adam());
        this.gradients = new GradientAccumulator(parameters);
    }

    /** Sends progress events to {@code l}. */
    public EpnsTrainer listener(TrainingListener l) {
        this.listener = l;
        return this;
    }

    /** Stops after the current batch when {@code s} turns true (the last checkpoint stands). */
    public EpnsTrainer stopWhen(BooleanSupplier s) {
        this.stopRequested = s;
        return this;
    }

    /** Writes checkpoints and {@code metrics.jsonl} into {@code dir} after every epoch. */
    public EpnsTrainer saveTo(RunDirectory dir) {
        this.run = dir;
        return this;
    }

    /** The next epoch to run (0 for a fresh trainer). */
    public int nextEpoch() {
        return nextEpoch;
    }

    /** The optimizer (for checkpoints and tests). */
    public AdamOptimizer optimizer() {
        return optimizer;
    }

    /**
     * Restores parameters, optimiser state, epoch and best validation value from a checkpoint.
     *
     * @throws IOException naming the file if it is unreadable, truncated or from another model
     */
    public EpnsTrainer resumeFrom(Path checkpoint) throws IOException {
        Checkpoints.State state = Checkpoints.load(checkpoint, model, optimizer);
        this.nextEpoch = state.epoch() + 1;
        this.bestValidation = state.bestValidation();
        this.bestRolloutLength = state.bestRolloutLength();
        return this;
    }

    /** Trains until {@code config.epochs()} or a stop request. */
    public Outcome fit() {
        return fit(config.epochs());
    }

    /**
     * Trains epochs [nextEpoch, untilEpoch) (the beta schedule still refers to {@code
     * config.epochs()}), or until a stop request.
     */
    public Outcome fit(int untilEpoch) {
        List<EpochSummary> summaries = new ArrayList<>();
        int end = Math.min(untilEpoch, config.epochs());
        while (nextEpoch < end) {
            EpochSummary summary = runEpoch(nextEpoch);
            if (summary == null) {
                return new Outcome(summaries, true);
            }
            summaries.add(summary);
            nextEpoch++;
        }
        return new Outcome(summaries, false);
    }

    /**
     * What {@link #fit} did.
     *
     * @param epochs one summary per completed epoch
     * @param interrupted whether a stop request ended training early
     */
    public record Outcome(List<EpochSummary> epochs, boolean interrupted) {}

    private EpochSummary runEpoch(int epoch) {
        long started = System.nanoTime();
        double beta = config.klAnnealing().beta(epoch, config.epochs());
        optimizer.setLearningRate(config.adam().learningRate(epoch, config.epochs()));
        int minLength = train.stream().mapToInt(Trajectory::length).min().orElseThrow();
        int rollout = config.strategy() == TrainingStrategy.MULTI_STEP
                ? config.multiStep().rolloutLength(epoch, minLength, config.stride())
                : 1;
        SeededNoise noise = SeededNoise.forStream(config.seed(), TRAIN_STREAM, epoch);
        SplittableRandom rng = noise.random();

        int[] order = shuffledSampleOrder(rng);
        int batches = (int) (config.optimiserSteps(train.size()) / config.epochs());
        listener.epochStarted(epoch, config.epochs(), batches);
        double lossSum = 0;
        double nllSum = 0;
        double klSum = 0;
        long count = 0;
        double[] gradientNorms = new double[batches];
        int recomputedBatches = 0;
        int clippedBatches = 0;
        for (int b = 0; b < batches; b++) {
            if (stopRequested.getAsBoolean()) {
                return null;
            }
            int from = b * config.batchSize();
            int to = Math.min(order.length, from + config.batchSize());
            List<Trajectory> batch = new ArrayList<>(to - from);
            int[] starts = new int[to - from];
            for (int i = from; i < to; i++) {
                Trajectory t = train.get(order[i]);
                batch.add(t);
                starts[i - from] = rng.nextInt(t.length() - config.stride() * rollout);
            }
            BatchResult terms = trainBatch(batch, starts, rollout, beta, noise, epoch, b);
            lossSum += terms.loss();
            nllSum += terms.nll();
            klSum += terms.kl();
            gradientNorms[b] = terms.gradientNorm();
            recomputedBatches += terms.recomputed() ? 1 : 0;
            clippedBatches += terms.clipped() ? 1 : 0;
            count += (long) batch.size() * rollout;
            listener.batchFinished(epoch, b, terms.loss() / ((long) batch.size() * rollout));
        }
        ValidationPass.Result validated = validation.isEmpty() ? null : validate();
        double validationValue = validated == null ? Double.NaN : validated.negativeElbo();
        // The best epoch is chosen among those trained with the longest rollout reached so far: multi-step
        // training costs some one-step fit, and a one-step criterion across stages would discard it.
        boolean best = !Double.isNaN(validationValue)
                && (rollout > bestRolloutLength || validationValue < bestValidation);
        if (best) {
            bestValidation = validationValue;
            bestRolloutLength = rollout;
        }
        EpochSummary summary = new EpochSummary(epoch, beta, rollout, lossSum / count, nllSum / count,
                klSum / count, validationValue, (System.nanoTime() - started) / 1e9, best,
                validated == null ? null : validated.diagnostics(), TrainingHealth.of(gradientNorms, recomputedBatches, clippedBatches));
        if (run != null) {
            try {
                // Metrics first: a resume drops metric lines newer than its checkpoint.
                run.appendMetrics(summary);
                // Best before last: a crash in between makes a resume redo this epoch, best included.
                if (best || validation.isEmpty()) {
                    Checkpoints.save(run.bestCheckpoint(), model, optimizer, config, epoch, bestValidation, bestRolloutLength);
                    Checkpoints.copy(run.bestCheckpoint(), run.lastCheckpoint());
                } else {
                    Checkpoints.save(run.lastCheckpoint(), model, optimizer, config, epoch, bestValidation, bestRolloutLength);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the checkpoint of epoch " + epoch + " to " + run.root(), e);
            }
        }
        listener.epochFinished(summary);
        return summary;
    }

    private int[] shuffledSampleOrder(SplittableRandom rng) {
        int[] order = new int[train.size() * config.samplesPerTrajectory()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i % train.size();
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    /**
     * What a gradient collection holds: DJL's PyTorch engine allows one collector at a time in a JVM, so
     * trainings in several threads of one process (Spark tasks of one executor) take turns for the
     * forward and backward pass on PyTorch; other engines record per thread and need no turn.
     */
    private Object collectionLock(Engine engine) {
        return Engines.PYTORCH.equals(engine.getEngineName()) ? PYTORCH_COLLECTION : this;
    }

    /**
     * A batch's loss, NLL and KL summed over samples and steps, the norm of its summed gradient, whether it
     * had to be recomputed and whether its gradient was clipped.
     */
    private record BatchResult(double loss, double nll, double kl, double gradientNorm, boolean recomputed,
            boolean clipped) {

        BatchResult with(boolean wasRecomputed, boolean wasClipped) {
            return new BatchResult(loss, nll, kl, gradientNorm, wasRecomputed, wasClipped);
        }
    }

    /**
     * One optimiser step on a batch. A first attempt whose loss or gradient is not finite is recomputed once with the
     * same inputs and noise before the step: a recomputation that is finite means the engine, not the
     * model, went wrong the first time (an intermittent kernel fault), and the step goes on with it; one
     * that is not finite again ends training with the reason.
     */
    private BatchResult trainBatch(List<Trajectory> batch, int[] starts, int rollout, double beta, SeededNoise noise,
            int epoch, int batchIndex) {
        ReplayableNoise draws = new ReplayableNoise(noise);
        BatchResult result;
        boolean recomputed = false;
        try {
            result = attemptBatch(batch, starts, rollout, beta, draws, epoch, batchIndex);
        } catch (NonFiniteLossException first) {
            draws.replay();
            try {
                result = attemptBatch(batch, starts, rollout, beta, draws, epoch, batchIndex);
            } catch (NonFiniteLossException again) {
                throw new NonFiniteLossException(again.getMessage() + " (also when the batch was recomputed in this"
                        + " process; if a resume in a new process passes this batch, it was an intermittent engine"
                        + " fault, docs/architecture.md, \"Engines on this machine\")");
            }
            recomputed = true;
            listener.batchRecomputed(epoch, batchIndex, first.getMessage());
        }
        boolean clipped = optimizer.step(gradients.sums(), result.gradientNorm());
        return result.with(recomputed, clipped);
    }

    /** Forward and backward passes of a batch into the gradient sums; throws if a loss or the gradient is not finite. */
    private BatchResult attemptBatch(List<Trajectory> batch, int[] starts, int rollout, double beta, ReplayableNoise noise,
            int epoch, int batchIndex) {
        double[] sums = new double[3];
        gradients.reset();
        try (NDManager batchManager = root.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray input = StateBatches.stack(batchManager, batch, starts, model.dataType());
            int[] frames = starts.clone();
            for (int step = 1; step <= rollout; step++) {
                for (int i = 0; i < frames.length; i++) {
                    frames[i] = starts[i] + step * config.stride();
                }
                NDArray target = StateBatches.stack(batchManager, batch, frames, model.dataType());
                Elbo.Step result;
                Engine engine = batchManager.getEngine();
                synchronized (collectionLock(engine)) {
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        result = Elbo.evaluate(model, input, target, beta, config.freeBits(),
                                config.freeBitsPriorGradient(), noise, true);
                        double loss = Parameters.scalar(result.loss());
                        if (!Double.isFinite(loss)) {
                            throw new NonFiniteLossException("the loss became " + loss + " at epoch " + epoch
                                    + ", batch " + batchIndex + ", rollout step " + step
                                    + "; lower the learning rate or check the data for outliers");
                        }
                        collector.backward(result.loss());
                        sums[0] += loss;
                        sums[1] += Parameters.scalar(result.nll());
                        sums[2] += Parameters.scalar(result.kl());
                    }
                }
                // Gradients of every step are summed, as one backward of the summed losses would.
                gradients.collect();
                if (step < rollout) {
                    input = model.readout(input, result.prediction(), config.trainingReadout(), noise).stopGradient();
                }
            }
        }
        double norm = gradients.norm();
        if (!Double.isFinite(norm)) {
            throw new NonFiniteLossException("the gradient became " + norm + " at epoch " + epoch + ", batch "
                    + batchIndex + "; lower the learning rate or check the data for outliers");
        }
        return new BatchResult(sums[0], sums[1], sums[2], norm, false, false);
    }

    /**
     * The one-step negative ELBO (beta 1, no free bits) per validation transition and the epoch's
     * diagnostics; both streams restart every epoch, so epochs differ only by their parameters.
     */
    private ValidationPass.Result validate() {
        if (validationStarts == null) {
            chooseValidationTransitions();
        }
        return ValidationPass.run(model, config, validationItems, validationStarts,
                SeededNoise.forStream(config.seed(), VALIDATION_STREAM),
                SeededNoise.forStream(config.seed(), ACCURACY_STREAM));
    }

    /** Every transition up to a cap, evenly spaced and the same every epoch, so epochs compare fairly. */
    private void chooseValidationTransitions() {
        long total = validation.stream().mapToLong(t -> t.length() - config.stride()).sum();
        int perTrajectoryCap = (int) Math.max(1, MAX_VALIDATION_TRANSITIONS * validation.get(0).length() / Math.max(1, total));
        List<Trajectory> items = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (Trajectory t : validation) {
            int span = t.length() - config.stride();
            int n = Math.min(perTrajectoryCap, span);
            for (int i = 0; i < n; i++) {
                items.add(t);
                starts.add((int) ((long) i * span / n));
            }
        }
        validationItems = List.copyOf(items);
        validationStarts = List.copyOf(starts);
    }

    /**
     * The mean one-step negative ELBO (beta 1, no free bits, posterior z) over the given transitions
     * (trajectory i, start frame i): an upper bound on the negative log-likelihood per transition.
     */
    public static double negativeElbo(TransitionModel model, TrainingConfig config, List<Trajectory> trajectories,
            List<Integer> starts, SeededNoise noise) {
        return ValidationPass.run(model, config, trajectories, starts, noise, null).negativeElbo();
    }

    @Override
    public void close() {
        gradients.close();
        optimizer.close();
    }
}
