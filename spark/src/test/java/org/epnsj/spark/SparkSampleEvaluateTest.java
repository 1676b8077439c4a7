package org.epnsj.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.app.TrainRequest;
import org.epnsj.runtime.plugin.EpnsModule;
import org.epnsj.runtime.rollout.EnsembleNoise;
import org.epnsj.runtime.training.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --spark sample and evaluate against the plain path, on models trained for one epoch. */
class SparkSampleEvaluateTest {

    private static final EpnsRuntime RUNTIME = Guice.createInjector(new EpnsModule()).getInstance(EpnsRuntime.class);

    @TempDir
    static Path tmp;

    static Path linearData;
    static Path linearRun;
    static Path nbodyData;
    static Path nbodyRun;

    @BeforeAll
    static void trainTinyModels() throws IOException {
        linearData = tmp.resolve("linear-data");
        linearRun = tmp.resolve("linear-run");
        RUNTIME.generate("linear-gaussian", "tiny", 5, linearData, f -> { });
        RUNTIME.train(new TrainRequest("linear-gaussian", null, "tiny", linearData, linearRun, 1, 5L, false, null),
                new TrainingListener() { }, () -> false);
        nbodyData = tmp.resolve("nbody-data");
        nbodyRun = tmp.resolve("nbody-run");
        RUNTIME.generate("nbody", "tiny", 5, nbodyData, f -> { });
        RUNTIME.train(new TrainRequest("nbody", null, "tiny", nbodyData, nbodyRun, 1, 5L, false, null),
                new TrainingListener() { }, () -> false);
    }

    @Test
    void sampleWritesTheSameArrayAsThePlainPath() throws IOException {
        // Two whole chunks and 3 members more, so every start state is several tasks.
        int samples = 2 * EnsembleNoise.CHUNK + 3;
        for (Path[] runAndData : new Path[][] {{linearRun, linearData}, {nbodyRun, nbodyData}}) {
            Path plain = tmp.resolve("plain-" + runAndData[0].getFileName() + ".npy");
            Path spark = tmp.resolve("spark-" + runAndData[0].getFileName() + ".npy");
            long[] shape = RUNTIME.sample(runAndData[0], runAndData[1], "test", 4, samples, 9, plain, n -> { });
            long[] sparkShape = new SparkJobs().sample("local[2]", runAndData[0], runAndData[1], "test", 4, samples, 9,
                    spark);

            assertThat(sparkShape).containsExactly(shape);
            assertThat(shape[1]).isEqualTo(samples);
            assertThat(Files.mismatch(plain, spark)).as(runAndData[0].toString()).isEqualTo(-1L);
        }
    }

    @Test
    void evaluateReportsTheSameMetricsAsThePlainPath() throws IOException {
        // The linear-Gaussian evaluator's ensemble of 256 members is three chunks, three tasks; the n-body
        // evaluator's ensembles (at most 100 members) are one chunk each and stay on the driver.
        for (Path[] runAndData : new Path[][] {{linearRun, linearData}, {nbodyRun, nbodyData}}) {
            Map<String, Object> plain = RUNTIME.evaluate(runAndData[0], runAndData[1], "best", 4, null, n -> { });
            long[] transitions = new long[1];
            Map<String, Object> spark = new SparkJobs().evaluate("local[2]", runAndData[0], runAndData[1], "best", 4,
                    null, n -> transitions[0] += n);

            assertThat(spark.get("metrics")).as(runAndData[0].toString()).isEqualTo(plain.get("metrics"));
            assertThat(spark.get("checkpointEpoch")).isEqualTo(plain.get("checkpointEpoch"));
            assertThat(transitions[0]).isPositive();
        }
    }
}
