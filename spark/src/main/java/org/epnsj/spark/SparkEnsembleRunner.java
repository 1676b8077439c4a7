package org.epnsj.spark;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.epnsj.api.model.Readout;
import org.epnsj.runtime.rollout.EnsembleChunk;
import org.epnsj.runtime.rollout.EnsembleRunner;

/**
 * Computes ensemble chunks as Spark tasks, one task per chunk. The run folder goes to the executors with
 * the job ({@link JavaSparkContext#addFile}); a task carries only its chunk's start state and numbers, and
 * returns plain float arrays.
 */
final class SparkEnsembleRunner implements EnsembleRunner {

    private final JavaSparkContext sc;
    private final String shippedRun;
    private final String checkpoint;
    private final Readout readout;

    /**
     * Ships {@code runFolder} with the context's jobs.
     *
     * @param readout the readout, or null for the run's own
     */
    SparkEnsembleRunner(JavaSparkContext sc, Path runFolder, String checkpoint, Readout readout) {
        this.sc = sc;
        Path folder = runFolder.toAbsolutePath().normalize();
        sc.addFile(folder.toString(), true);
        this.shippedRun = folder.getFileName().toString();
        this.checkpoint = checkpoint;
        this.readout = readout;
    }

    @Override
    public List<EnsembleChunk.Result> run(List<EnsembleChunk> chunks) {
        String run = shippedRun;
        String which = checkpoint;
        Readout r = readout;
        try {
            return sc.parallelize(chunks, chunks.size()).map(c -> ExecutorModels.compute(run, which, r, c)).collect();
        } catch (RuntimeException e) {
            throw SparkContexts.failure("a rollout ensemble", e);
        }
    }
}
