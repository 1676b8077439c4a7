package org.epnsj.domain.flocking;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.inject.Guice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.Trajectory;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.app.TrainRequest;
import org.epnsj.runtime.io.Npy;
import org.epnsj.runtime.io.NpyArray;
import org.epnsj.runtime.plugin.EpnsModule;
import org.epnsj.runtime.training.EpnsTrainer;
import org.epnsj.runtime.training.EpochSummary;
import org.epnsj.runtime.training.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flocking domain through the runtime as the command line drives it: generate the tiny preset,
 * train EPNS and PNS-GNN for two epochs (the second multi-step), sample and evaluate both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlockingPipelineTest {

    private EpnsRuntime runtime;
    private Path dir;
    private Path data;

    @BeforeAll
    void generate(@TempDir Path tempDir) throws IOException {
        dir = tempDir;
        runtime = Guice.createInjector(new EpnsModule()).getInstance(EpnsRuntime.class);
        data = dir.resolve("data");
        runtime.generate(FlockingDomain.ID, "tiny", 3, data, null);
    }

    @Test
    void theDataSetRecordsItsPhysicsAndSameInitTrajectoriesShareTheirStart() throws IOException {
        JsonObject manifest = JsonParser.parseString(Files.readString(data.resolve("dataset.json"))).getAsJsonObject();
        assertThat(manifest.get("domainId").getAsString()).isEqualTo("flocking");
        assertThat(manifest.get("generatorParameters").toString()).contains("\"noise\":0.7")
                .contains("\"particles\":16").contains("Euler-Maruyama");
        FlockingDomain domain = new FlockingDomain();
        Trajectory a = domain.codec().read(data.resolve("test_same_init/000000.npy"));
        Trajectory b = domain.codec().read(data.resolve("test_same_init/000001.npy"));
        assertThat(a.length()).isEqualTo(41);
        assertThat(a.frame(0)).containsExactly(b.frame(0));
        assertThat(a.frame(40)).isNotEqualTo(b.frame(40));
        assertThat(domain.codec().read(data.resolve("test_long/000001.npy")).length()).isEqualTo(81);
    }

    @SuppressWarnings("unchecked")
    @Test
    void epnsAndPnsGnnTrainSampleAndEvaluateToFiniteMetrics() throws IOException {
        for (String model : List.of(FlockingDomain.EPNS, FlockingDomain.PNS_GNN)) {
            Path run = dir.resolve(model);
            EpnsTrainer.Outcome outcome = runtime.train(new TrainRequest(FlockingDomain.ID, model, "tiny", data, run, 2,
                    null, false), TrainingListener.NONE, () -> false);
            assertThat(outcome.epochs()).hasSize(2);
            for (EpochSummary e : outcome.epochs()) {
                assertThat(e.trainLoss()).as("%s epoch %s", model, e).isFinite();
            }
            Path samples = dir.resolve(model + "-samples.npy");
            long[] shape = runtime.sample(run, data, "test", 3, 2, 1, samples, null);
            assertThat(shape).containsExactly(2, 2, 4, 16, 4);
            NpyArray written = Npy.read(samples);
            assertThat(written.shape()).containsExactly(2, 2, 4, 16, 4);
            for (float v : written.toFloatArray()) {
                assertThat(v).isFinite();
            }
            Map<String, Object> m = (Map<String, Object>) runtime.evaluate(run, data, "best", 5).get("metrics");
            assertThat(((Number) m.get("testNegativeElbo")).doubleValue()).as(model).isFinite();
            assertThat(m.get("ksSteps")).isEqualTo(List.of(2, 4, 8));
            for (String stem : List.of("Polarisation", "NearestNeighbourDistance", "Radius")) {
                List<?> d = (List<?>) m.get("ks" + stem + "Statistic");
                assertThat(d).as(model + " " + stem).hasSize(3);
                for (Object v : d) {
                    assertThat(((Number) v).doubleValue()).isBetween(0.0, 1.0);
                }
            }
            assertThat((List<?>) m.get("stableFraction")).as(model).hasSize(17);
            // The simulated long runs stay whole at the stated interaction radius.
            assertThat(m.get("dataStableFractionFinal")).isEqualTo(1.0);
        }
    }
}
