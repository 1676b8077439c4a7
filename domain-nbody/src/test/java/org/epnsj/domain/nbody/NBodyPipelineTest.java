package org.epnsj.domain.nbody;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.epnsj.api.data.Trajectory;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.app.TrainRequest;
import org.epnsj.runtime.plugin.EpnsModule;
import org.epnsj.runtime.training.EpnsTrainer;
import org.epnsj.runtime.training.EpochSummary;
import org.epnsj.runtime.training.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The n-body domain through the runtime as the command line drives it: generate the tiny preset,
 * train EPNS and PNS-GNN briefly (multi-step), evaluate both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NBodyPipelineTest {

    private EpnsRuntime runtime;
    private Path dir;
    private Path data;

    @BeforeAll
    void generate(@TempDir Path tempDir) throws IOException {
        dir = tempDir;
        runtime = Guice.createInjector(new EpnsModule()).getInstance(EpnsRuntime.class);
        data = dir.resolve("data");
        runtime.generate(NBodyDomain.ID, "tiny", 3, data, null);
    }

    @Test
    void filesUseTheReferenceLayoutAndSameInitTrajectoriesShareTheirStart() throws IOException {
        NBodyDomain domain = new NBodyDomain();
        List<Path> files;
        try (Stream<Path> s = Files.list(data.resolve("test_same_init"))) {
            files = s.filter(p -> p.toString().endsWith(".npy")).sorted().toList();
        }
        assertThat(files).hasSize(NBodyPresets.tiny().splits().get("test_same_init").trajectories());
        Trajectory a = domain.codec().read(files.get(0));
        Trajectory b = domain.codec().read(files.get(1));
        assertThat(a.length()).isEqualTo(101);
        assertThat(a.frame(0)).containsExactly(b.frame(0));
        assertThat(a.frame(100)).isNotEqualTo(b.frame(100));
        // (bodies, 7, T) on disk: the header names that shape.
        String header = new String(Files.readAllBytes(files.get(0)), 0, 128, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(header).contains("(5, 7, 101)");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> trainAndEvaluate(String model, int epochs) throws IOException {
        Path run = dir.resolve(model);
        EpnsTrainer.Outcome outcome = runtime.train(new TrainRequest(NBodyDomain.ID, model, "tiny", data, run, epochs,
                null, false), TrainingListener.NONE, () -> false);
        assertThat(outcome.epochs()).hasSize(epochs);
        for (EpochSummary e : outcome.epochs()) {
            assertThat(e.trainLoss()).as("epoch %s", e).isFinite();
        }
        return (Map<String, Object>) runtime.evaluate(run, data, "best", 5).get("metrics");
    }

    @Test
    void epnsAndPnsGnnTrainAndEvaluateToFiniteMetrics() throws IOException {
        for (String model : List.of(NBodyDomain.EPNS, NBodyDomain.PNS_GNN)) {
            Map<String, Object> m = trainAndEvaluate(model, 3);
            assertThat(((Number) m.get("testNegativeElbo")).doubleValue()).as(model).isFinite();
            assertThat((List<?>) m.get("ksTotalEnergyStatistic")).as(model).hasSize(3);
            for (Object v : (List<?>) m.get("ksTotalEnergyStatistic")) {
                assertThat(((Number) v).doubleValue()).isBetween(0.0, 1.0);
            }
            assertThat((List<?>) m.get("stableFraction")).as(model).isNotEmpty();
        }
    }
}
