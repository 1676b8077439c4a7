package org.epnsj.runtime.rollout;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.Readout;
import org.epnsj.api.model.TransitionModel;

/**
 * Computes ensemble chunks: here, one after another ({@link #local}), or elsewhere (the spark module's
 * runner sends them to executors). Either way a chunk's result is the same.
 */
@FunctionalInterface
public interface EnsembleRunner {

    /** The results of {@code chunks}, in their order. */
    List<EnsembleChunk.Result> run(List<EnsembleChunk> chunks);

    /**
     * A runner on this thread with {@code model}, in sub-managers of {@code manager}; {@code progress}
     * receives the states advanced after each step.
     */
    static EnsembleRunner local(TransitionModel model, Readout readout, NDManager manager, LongConsumer progress) {
        RolloutSampler sampler = new RolloutSampler(model, readout, progress);
        return chunks -> {
            List<EnsembleChunk.Result> results = new ArrayList<>(chunks.size());
            for (EnsembleChunk c : chunks) {
                results.add(sampler.sample(manager, c));
            }
            return results;
        };
    }

    /**
     * The ensemble's trajectories from its chunks' results.
     *
     * @throws RolloutDivergedException with the earliest step at which any chunk diverged
     */
    static List<Trajectory> join(List<EnsembleChunk> chunks, List<EnsembleChunk.Result> results) {
        int diverged = Integer.MAX_VALUE;
        for (EnsembleChunk.Result r : results) {
            if (r.divergedStep() > 0) {
                diverged = Math.min(diverged, r.divergedStep());
            }
        }
        if (diverged != Integer.MAX_VALUE) {
            throw new RolloutDivergedException(diverged);
        }
        List<Trajectory> out = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            EnsembleChunk c = chunks.get(i);
            int size = c.start().length * (c.steps() + 1);
            float[] frames = results.get(i).frames();
            for (int m = 0; m < c.members(); m++) {
                float[] member = new float[size];
                System.arraycopy(frames, m * size, member, 0, size);
                out.add(new FloatTrajectory(c.frameShape(), c.steps() + 1, member));
            }
        }
        return out;
    }
}
