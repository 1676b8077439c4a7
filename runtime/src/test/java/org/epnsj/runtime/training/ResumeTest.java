package org.epnsj.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.run.RunDirectory;
import org.epnsj.runtime.testing.RandomWalks;
import org.epnsj.runtime.testing.TinyGaussianModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {

    private final List<Trajectory> train = RandomWalks.generate(8, 12, 1);
    private final List<Trajectory> validation = RandomWalks.generate(2, 12, 2);

    @Test
    void aResumedRunEndsWithTheSameParametersAsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        resumesExactly(dir, GradientAccumulationTest.multiStepConfig(4));
    }

    /**
     * With clipping the recent gradient norms are state too: a resume that forgot them would warm up again
     * and not clip the steps the uninterrupted run clipped.
     */
    @Test
    void aResumedRunClipsAsTheUninterruptedOne(@TempDir Path dir) throws IOException {
        TrainingConfig base = GradientAccumulationTest.multiStepConfig(4);
        TrainingConfig clipping = new TrainingConfig(4, 1, base.samplesPerTrajectory(), 1,
                base.adam().withGradientClipFactor(1), base.klAnnealing(), base.freeBits(), base.strategy(),
                base.multiStep(), base.trainingReadout(), base.rolloutReadout(), base.seed());
        resumesExactly(dir, clipping);
        // 16 steps per epoch: epoch 0 is the warm-up; after it a factor of 1 clips the steps above the recent
        // median, so the resumed epochs clip only because the norms of epochs 0-1 came back with the checkpoint.
        List<EpochSummary> epochs = RunDirectory.create(dir.resolve("b")).readMetrics();
        assertThat(epochs.get(0).health().clippedBatches()).isZero();
        assertThat(epochs.get(2).health().clippedBatches()).isPositive();
    }

    private void resumesExactly(Path dir, TrainingConfig config) throws IOException {
        Map<String, double[]> straight = run(dir.resolve("a"), config, false);
        // Stop after epoch 1 (as if killed during epoch 2), then resume in a fresh trainer and model.
        AtomicStop stop = new AtomicStop(2);
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            TinyGaussianModel model = new TinyGaussianModel(m, DataType.FLOAT32, 3);
            try (EpnsTrainer t = new EpnsTrainer(model, config, train, validation)) {
                t.saveTo(RunDirectory.create(dir.resolve("b"))).listener(stop).stopWhen(stop::stopRequested);
                assertThat(t.fit().interrupted()).isTrue();
            }
        }
        Map<String, double[]> resumed = run(dir.resolve("b"), config, true);
        for (String name : straight.keySet()) {
            assertThat(Arrays.equals(resumed.get(name), straight.get(name))).as(name).isTrue();
        }
        assertThat(Files.readAllLines(dir.resolve("b").resolve("metrics.jsonl"))).hasSize(4);
        // The diagnostics of every epoch are those of the uninterrupted run as well.
        List<EpochDiagnostics> a = RunDirectory.create(dir.resolve("a")).readMetrics().stream()
                .map(EpochSummary::diagnostics).toList();
        List<EpochDiagnostics> b = RunDirectory.create(dir.resolve("b")).readMetrics().stream()
                .map(EpochSummary::diagnostics).toList();
        assertThat(a).hasSize(4).doesNotContainNull().isEqualTo(b);
    }

    private Map<String, double[]> run(Path folder, TrainingConfig config, boolean resume) throws IOException {
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            TinyGaussianModel model = new TinyGaussianModel(m, DataType.FLOAT32, 3);
            RunDirectory run = RunDirectory.create(folder);
            try (EpnsTrainer t = new EpnsTrainer(model, config, train, validation)) {
                t.saveTo(run);
                if (resume) {
                    t.resumeFrom(run.lastCheckpoint());
                    assertThat(t.nextEpoch()).isEqualTo(2);
                    run.truncateMetricsAfter(t.nextEpoch() - 1);
                }
                t.fit();
            }
            return GradientAccumulationTest.snapshot(model.parameters());
        }
    }

    /**
     * Epochs 0-1 train one step, 2-4 two steps: the first two-step epoch is best whatever its validation
     * value, and the best checkpoint is the two-step epoch with the lowest validation value.
     */
    @Test
    void theBestCheckpointIsChosenAmongTheEpochsOfTheLongestRollout(@TempDir Path dir) throws IOException {
        var base = GradientAccumulationTest.multiStepConfig(5);
        var config = base.withStrategy(base.strategy(), new org.epnsj.api.training.MultiStepSchedule(1, -98, 100, 0.5));
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            TinyGaussianModel model = new TinyGaussianModel(m, DataType.FLOAT32, 3);
            try (EpnsTrainer t = new EpnsTrainer(model, config, train, validation)) {
                t.saveTo(run).fit();
            }
            List<EpochSummary> epochs = run.readMetrics();
            assertThat(epochs).extracting(EpochSummary::rolloutLength).containsExactly(1, 1, 2, 2, 2);
            assertThat(epochs.get(2).best()).isTrue();
            EpochSummary bestTwoStep = epochs.subList(2, 5).stream()
                    .min(java.util.Comparator.comparingDouble(EpochSummary::validationNegativeElbo)).orElseThrow();
            var state = org.epnsj.runtime.run.Checkpoints.load(run.bestCheckpoint(),
                    new TinyGaussianModel(m, DataType.FLOAT32, 3), null);
            assertThat(state.epoch()).isEqualTo(bestTwoStep.epoch());
            assertThat(state.bestRolloutLength()).isEqualTo(2);
            assertThat(state.bestValidation()).isEqualTo(bestTwoStep.validationNegativeElbo());
        }
    }

    @Test
    void truncatedForeignAndMismatchedCheckpointsGiveErrorsNamingTheFile(@TempDir Path dir) throws IOException {
        Path folder = dir.resolve("run");
        run(folder, GradientAccumulationTest.multiStepConfig(1), false);
        Path ckpt = RunDirectory.create(folder).lastCheckpoint();
        byte[] bytes = Files.readAllBytes(ckpt);
        Path truncated = dir.resolve("truncated.ckpt");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        Path foreign = dir.resolve("foreign.ckpt");
        Files.writeString(foreign, "this is not a checkpoint");
        // A checkpoint of the same model at another size: its first parameter has one more row.
        var contents = org.epnsj.runtime.io.TensorArchive.read(ckpt);
        List<org.epnsj.runtime.io.NamedTensor> tensors = new java.util.ArrayList<>(contents.tensors().values());
        org.epnsj.runtime.io.NamedTensor first = tensors.get(0);
        long[] wider = first.shape().clone();
        wider[0]++;
        tensors.set(0, org.epnsj.runtime.io.NamedTensor.ofDoubles(first.name(), wider,
                new double[Math.toIntExact(Arrays.stream(wider).reduce(1, (a, b) -> a * b))]));
        Path resized = dir.resolve("resized.ckpt");
        org.epnsj.runtime.io.TensorArchive.write(resized, contents.metadata(), tensors);
        // Recent gradient norms that no run could have recorded.
        com.google.gson.JsonObject badMeta = contents.metadata().deepCopy();
        com.google.gson.JsonArray norms = new com.google.gson.JsonArray();
        norms.add(1.0);
        norms.add(-2.0);
        badMeta.add("recentGradientNorms", norms);
        Path badNorms = dir.resolve("norms.ckpt");
        org.epnsj.runtime.io.TensorArchive.write(badNorms, badMeta, contents.tensors().values().stream().toList());
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            TinyGaussianModel model = new TinyGaussianModel(m, DataType.FLOAT32, 3);
            try (EpnsTrainer t = new EpnsTrainer(model, GradientAccumulationTest.multiStepConfig(2), train, validation)) {
                assertThatThrownBy(() -> t.resumeFrom(truncated)).isInstanceOf(IOException.class)
                        .hasMessageContaining("truncated.ckpt");
                assertThatThrownBy(() -> t.resumeFrom(foreign)).isInstanceOf(IOException.class)
                        .hasMessageContaining("foreign.ckpt");
                assertThatThrownBy(() -> t.resumeFrom(resized)).isInstanceOf(IOException.class)
                        .hasMessageContaining("resized.ckpt")
                        .hasMessageContaining("has shape " + Arrays.toString(wider))
                        .hasMessageContaining("expects " + Arrays.toString(first.shape()))
                        .hasMessageContaining("different model configuration");
                assertThatThrownBy(() -> t.resumeFrom(badNorms)).isInstanceOf(IOException.class)
                        .hasMessageContaining("norms.ckpt").hasMessageContaining("recentGradientNorms");
            }
        }
    }

    /** Requests a stop once a given number of epochs has finished. */
    static final class AtomicStop implements TrainingListener {
        private final int after;
        private volatile int finished;

        AtomicStop(int after) {
            this.after = after;
        }

        @Override
        public void epochFinished(EpochSummary summary) {
            finished++;
        }

        boolean stopRequested() {
            return finished >= after;
        }
    }
}
