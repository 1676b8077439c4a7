package org.epnsj.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.SparkFiles;
import org.epnsj.api.model.Readout;
import org.epnsj.runtime.app.LoadedRun;
import org.epnsj.runtime.rollout.EnsembleChunk;
import org.epnsj.runtime.rollout.RolloutSampler;

/**
 * The models of an executor JVM: built from the run folder shipped with the job, the first time a task
 * needs one, and kept for the executor's next tasks. Tasks running at the same time on one executor use
 * different models (at most one per task slot), since the engines do not promise that one model may run
 * on several threads at once.
 */
final class ExecutorModels {

    private static final Map<String, Queue<LoadedRun>> IDLE = new ConcurrentHashMap<>();

    private ExecutorModels() {}

    /**
     * Computes {@code chunk} with the model of the run folder shipped as {@code shippedRun} (a name for
     * {@link SparkFiles#get}), at {@code checkpoint}, reading predictions out with {@code readout} (null: the
     * run's own).
     */
    static EnsembleChunk.Result compute(String shippedRun, String checkpoint, Readout readout, EnsembleChunk chunk) {
        Path folder = Path.of(SparkFiles.get(shippedRun));
        String key = folder.toAbsolutePath() + "#" + checkpoint;
        Queue<LoadedRun> idle = IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>());
        LoadedRun run = idle.poll();
        if (run == null) {
            try {
                run = SharedRuntime.runtime().load(folder, checkpoint);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the model of the shipped run folder " + folder + ": "
                        + e.getMessage(), e);
            }
        }
        try {
            Readout r = readout != null ? readout : run.config().training().rolloutReadout();
            return new RolloutSampler(run.model(), r).sample(run.manager(), chunk);
        } finally {
            idle.add(run);
        }
    }
}
