package org.epnsj.runtime.training;

/** Receives progress events from a training run (progress bars, logs). Methods default to no-ops. */
public interface TrainingListener {

    /** An epoch begins with the given number of batches. */
    default void epochStarted(int epoch, int totalEpochs, int batches) {}

    /** A batch finished with the given loss per sample. */
    default void batchFinished(int epoch, int batch, double lossPerSample) {}

    /**
     * A batch's first attempt gave a non-finite loss or gradient ({@code reason}) and its recomputation with
     * the same inputs and noise was finite; training went on with the recomputation.
     */
    default void batchRecomputed(int epoch, int batch, String reason) {}

    /** An epoch ended; its summary is also written to {@code metrics.jsonl}. */
    default void epochFinished(EpochSummary summary) {}

    /** A listener that ignores every event. */
    TrainingListener NONE = new TrainingListener() {};
}
