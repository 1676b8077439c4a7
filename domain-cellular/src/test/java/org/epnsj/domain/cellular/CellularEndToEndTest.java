package org.epnsj.domain.cellular;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.app.TrainRequest;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.plugin.PluginRegistry;
import org.epnsj.runtime.plugin.RuntimeSettings;
import org.epnsj.runtime.training.EpnsTrainer;
import org.epnsj.runtime.training.EpochSummary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generate, train and evaluate through the runtime, at the preset in the environment variable
 * {@code CELLULAR_E2E_PRESET} (default tiny) for {@code CELLULAR_E2E_EPOCHS} epochs (default the
 * preset's) of {@code CELLULAR_E2E_MODEL} (default epns); prints each epoch's time.
 */
@Tag("slow")
class CellularEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void generateTrainEvaluate() throws Exception {
        String preset = System.getenv().getOrDefault("CELLULAR_E2E_PRESET", "tiny");
        String model = System.getenv().getOrDefault("CELLULAR_E2E_MODEL", "epns");
        String epochs = System.getenv("CELLULAR_E2E_EPOCHS");
        EpnsRuntime runtime = new EpnsRuntime(PluginRegistry.discover(),
                new RuntimeSettings("mxnet", DeviceKind.CPU, DataType.FLOAT32));
        long t0 = System.nanoTime();
        runtime.generate("cellular", preset, 1, dir.resolve("data"), null);
        System.out.printf("E2E generate %s: %.1f s%n", preset, (System.nanoTime() - t0) / 1e9);
        EpnsTrainer.Outcome outcome = runtime.train(new TrainRequest("cellular", model, preset, dir.resolve("data"),
                dir.resolve("run"), epochs == null ? null : Integer.valueOf(epochs), null, false), new org.epnsj.runtime.training.TrainingListener() {
                    @Override
                    public void epochFinished(EpochSummary e) {
                        System.out.printf("E2E epoch %d done: %.1f s%n", e.epoch(), e.seconds());
                    }
                }, () -> false);
        for (EpochSummary e : outcome.epochs()) {
            System.out.printf("E2E epoch %d: R=%d loss %.2f nll %.2f kl %.3f val %.2f, %.1f s%n", e.epoch(), e.rolloutLength(),
                    e.trainLoss(), e.trainNll(), e.trainKl(), e.validationNegativeElbo(), e.seconds());
        }
        t0 = System.nanoTime();
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) runtime.evaluate(dir.resolve("run"), dir.resolve("data"),
                "best", 3).get("metrics");
        System.out.printf("E2E evaluate: %.1f s%nE2E metrics %s%n", (System.nanoTime() - t0) / 1e9, metrics);
        assertThat(metrics).containsKeys("testNegativeElbo", "clusterKs", "fractionStable");
        assertThat((List<?>) metrics.get("clusterKs")).isNotEmpty();
    }
}
