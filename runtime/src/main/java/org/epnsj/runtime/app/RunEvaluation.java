package org.epnsj.runtime.app;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.Readout;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.EvaluationContext;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.runtime.io.DatasetFolder;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.rollout.EnsembleChunk;
import org.epnsj.runtime.rollout.EnsembleRunner;
import org.epnsj.runtime.rollout.RolloutSampler;
import org.epnsj.runtime.training.EpnsTrainer;

/** The runtime's {@link EvaluationContext}: a loaded model, a data folder and seeded sampling. */
final class RunEvaluation implements EvaluationContext {

    private static final long ROLLOUT_STREAM = 3;
    private static final long ELBO_STREAM = 4;
    private static final long POSTERIOR_STREAM = 5;

    private final LoadedRun run;
    private final DatasetFolder data;
    private final long seed;
    private final Map<String, List<Trajectory>> cache = new TreeMap<>();
    private final LongConsumer progress;
    private final TrainingConfig config;
    private final EnsembleRunner remote;
    private long rolloutCalls;
    private long posteriorCalls;

    /**
     * @param readout how rollouts read predictions out, or null for the run's own setting
     * @param progress receives the number of model transitions computed, as they are computed
     * @param remote computes the ensembles of more than one chunk, or null to compute everything here
     */
    RunEvaluation(LoadedRun run, DatasetFolder data, long seed, Readout readout, LongConsumer progress,
            EnsembleRunner remote) {
        this.remote = remote;
        this.run = run;
        this.data = data;
        this.seed = seed;
        this.progress = progress;
        TrainingConfig trained = run.config().training();
        this.config = readout == null ? trained : trained.withRolloutReadout(readout);
    }

    @Override
    public TransitionModel model() {
        return run.model();
    }

    @Override
    public TrainingConfig config() {
        return config;
    }

    @Override
    public List<Trajectory> split(String name) {
        return cache.computeIfAbsent(name, n -> {
            try {
                if (!data.splits().contains(n)) {
                    return List.of();
                }
                return data.read(n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public List<Trajectory> rollouts(Trajectory start, int startFrame, int steps, int samples) {
        long ensembleSeed = SeededNoise.mix(seed, ROLLOUT_STREAM, rolloutCalls++);
        List<EnsembleChunk> chunks = EnsembleChunk.split(start.frame(startFrame), start.frameShape(), steps, samples,
                ensembleSeed);
        if (remote != null && chunks.size() > 1) {
            List<Trajectory> out = EnsembleRunner.join(chunks, remote.run(chunks));
            progress.accept((long) samples * steps);
            return out;
        }
        try (NDManager m = run.manager().newSubManager()) {
            EnsembleRunner here = EnsembleRunner.local(run.model(), config().rolloutReadout(), m, progress);
            return EnsembleRunner.join(chunks, here.run(chunks));
        }
    }

    @Override
    public List<Trajectory> posteriorSteps(Trajectory trajectory, int startFrame, int samples) {
        SeededNoise noise = SeededNoise.forStream(seed, POSTERIOR_STREAM, posteriorCalls++);
        try (NDManager m = run.manager().newSubManager()) {
            return new RolloutSampler(run.model(), config().rolloutReadout(), progress)
                    .posteriorStep(m, trajectory, startFrame, config().stride(), samples, noise);
        }
    }

    @Override
    public double negativeElbo(String splitName) {
        List<Trajectory> trajectories = split(splitName);
        if (trajectories.isEmpty()) {
            return Double.NaN;
        }
        int k = config().stride();
        List<Trajectory> items = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (Trajectory t : trajectories) {
            for (int s = 0; s + k < t.length(); s++) {
                items.add(t);
                starts.add(s);
            }
        }
        double value = EpnsTrainer.negativeElbo(run.model(), config(), items, starts,
                SeededNoise.forStream(seed, ELBO_STREAM));
        progress.accept(items.size());
        return value;
    }
}
