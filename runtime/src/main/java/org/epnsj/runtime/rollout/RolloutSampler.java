package org.epnsj.runtime.rollout;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongConsumer;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.NoiseSource;
import org.epnsj.api.model.Readout;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.runtime.training.StateBatches;

/**
 * Samples trajectories from a trained model: z from the conditional prior, the next state read out
 * from the decoder's distribution (mean, mode or a sample), repeated (spec section 1.6). An
 * ensemble is one batch, so its members share every op call.
 *
 * <p>Each step runs in its own child {@link NDManager} inside an {@link NDScope}; only the next
 * state leaves it, so native memory stays flat over any number of steps.
 */
public final class RolloutSampler {

    private final TransitionModel model;
    private final Readout readout;
    private final LongConsumer progress;

    /** A sampler that turns predictions into states with {@code readout}. */
    public RolloutSampler(TransitionModel model, Readout readout) {
        this(model, readout, n -> { });
    }

    /**
     * A sampler that also reports, after every step of {@link #sample}, the number of states it advanced
     * (the ensemble size), for progress bars.
     */
    public RolloutSampler(TransitionModel model, Readout readout, LongConsumer progress) {
        this.model = model;
        this.readout = readout;
        this.progress = progress;
    }

    /**
     * Rolls out a batch of initial states.
     *
     * @param initial (B, state shape...) in the model's dtype
     * @param steps model steps
     * @param noise the source of z (and of sampled states)
     * @param observer called with each new state batch (step 1..steps) while it is alive; may be null
     * @return the final state batch, owned by {@code initial}'s manager
     */
    public NDArray rollout(NDArray initial, int steps, NoiseSource noise, StepObserver observer) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        NDManager home = initial.getManager();
        NDArray x = initial;
        for (int s = 1; s <= steps; s++) {
            NDArray next;
            try (NDManager stepManager = home.newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDList h = model.forwardModel().forward(x, false);
                NDArray z = model.prior().prior(h, false).sample(noise);
                Distribution prediction = model.decoder().decode(h, z, false);
                next = model.readout(x, prediction, readout, noise);
                NDScope.unregister(next);
                next.attach(home);
                if (observer != null) {
                    observer.step(s, next);
                }
            }
            if (x != initial) {
                x.close();
            }
            x = next;
        }
        return x;
    }

    /** Receives the states of a rollout. */
    @FunctionalInterface
    public interface StepObserver {
        /** Called with the state batch after model step {@code step}. */
        void step(int step, NDArray states);
    }

    /**
     * Samples an ensemble of trajectories that start at frame {@code startFrame} of {@code start}.
     *
     * @return {@code samples} trajectories of {@code steps + 1} frames each (the first is the start)
     * @throws RolloutDivergedException if a state becomes NaN or infinite
     */
    public List<Trajectory> sample(NDManager manager, Trajectory start, int startFrame, int steps, int samples,
            NoiseSource noise) {
        requireSamples(samples);
        int size = start.frameSize();
        float[][] data = new float[samples][size * (steps + 1)];
        float[] first = start.frame(startFrame);
        for (float[] d : data) {
            System.arraycopy(first, 0, d, 0, size);
        }
        try (NDManager m = manager.newSubManager()) {
            NDArray initial = copies(m, start, startFrame, samples);
            rollout(initial, steps, noise, (step, states) -> {
                float[][] values = StateBatches.unstack(states);
                for (int i = 0; i < samples; i++) {
                    requireFinite(values[i], step);
                    System.arraycopy(values[i], 0, data[i], step * size, size);
                }
                progress.accept(samples);
            });
        }
        List<Trajectory> out = new ArrayList<>(samples);
        for (float[] d : data) {
            out.add(new FloatTrajectory(start.frameShape(), steps + 1, d));
        }
        return out;
    }

    /**
     * One step from frame {@code startFrame} of {@code trajectory} with z from the approximate
     * posterior given its frame {@code startFrame + stride}, read out as rollouts are, {@code samples}
     * times (one batch).
     *
     * @return {@code samples} trajectories of two frames: the start and the step
     * @throws IllegalArgumentException if the trajectory has no frame {@code startFrame + stride}
     * @throws RolloutDivergedException (step 1) if a state is NaN or infinite
     */
    public List<Trajectory> posteriorStep(NDManager manager, Trajectory trajectory, int startFrame, int stride,
            int samples, NoiseSource noise) {
        requireSamples(samples);
        if (startFrame < 0 || startFrame + stride >= trajectory.length()) {
            throw new IllegalArgumentException("a posterior step from frame " + startFrame + " needs frame "
                    + (startFrame + stride) + ", but the trajectory has " + trajectory.length() + " frames");
        }
        int size = trajectory.frameSize();
        float[][] values;
        try (NDManager m = manager.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = copies(m, trajectory, startFrame, samples);
            NDArray y = copies(m, trajectory, startFrame + stride, samples);
            NDList h = model.forwardModel().forward(x, false);
            NDArray z = model.posterior().posterior(h, y, false).sample(noise);
            values = StateBatches.unstack(model.readout(x, model.decoder().decode(h, z, false), readout, noise));
        }
        List<Trajectory> out = new ArrayList<>(samples);
        for (float[] v : values) {
            requireFinite(v, 1);
            float[] frames = new float[2 * size];
            trajectory.copyFrame(startFrame, frames, 0);
            System.arraycopy(v, 0, frames, size, size);
            out.add(new FloatTrajectory(trajectory.frameShape(), 2, frames));
        }
        progress.accept(samples);
        return out;
    }

    /** A batch of {@code samples} copies of frame {@code frame} of {@code trajectory}, in the model's dtype. */
    private NDArray copies(NDManager manager, Trajectory trajectory, int frame, int samples) {
        int[] frames = new int[samples];
        java.util.Arrays.fill(frames, frame);
        return StateBatches.stack(manager, Collections.nCopies(samples, trajectory), frames, model.dataType());
    }

    private static void requireSamples(int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1, got " + samples);
        }
    }

    /** @throws RolloutDivergedException at {@code step} if a value is NaN or infinite */
    private static void requireFinite(float[] state, int step) {
        for (float v : state) {
            if (!Float.isFinite(v)) {
                throw new RolloutDivergedException(step);
            }
        }
    }

    /**
     * Computes one ensemble chunk in a sub-manager of {@code manager}, with {@link EnsembleNoise}.
     *
     * @return its members' frames, or the step at which a state became non-finite
     */
    public EnsembleChunk.Result sample(NDManager manager, EnsembleChunk chunk) {
        Trajectory start = new FloatTrajectory(chunk.frameShape(), 1, chunk.start());
        List<Trajectory> members;
        try {
            members = sample(manager, start, 0, chunk.steps(), chunk.members(),
                    new EnsembleNoise(chunk.ensembleSeed(), chunk.firstMember(), chunk.members()));
        } catch (RolloutDivergedException e) {
            return new EnsembleChunk.Result(null, e.step());
        }
        int size = start.frameSize() * (chunk.steps() + 1);
        float[] frames = new float[size * chunk.members()];
        for (int m = 0; m < members.size(); m++) {
            for (int t = 0; t <= chunk.steps(); t++) {
                members.get(m).copyFrame(t, frames, m * size + t * start.frameSize());
            }
        }
        return new EnsembleChunk.Result(frames, 0);
    }
}
