package org.epnsj.examples.lineargaussian;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.epnsj.api.training.MultiStepSchedule;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.api.training.TrainingStrategy;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.app.TrainRequest;
import org.epnsj.runtime.plugin.EpnsModule;
import org.epnsj.runtime.training.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic EPNS machinery recovers a transition density that is known exactly. These fail when
 * the ELBO, the KL, the sampler or multi-step training is wrong. Deterministic: fixed data seed,
 * training seed and evaluation seed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinearGaussianKnownAnswerTest {

    private static final String PRESET = "cpu";
    private static final double NLL_TOLERANCE_NATS = 0.05;
    private static final double SIGMA_TOLERANCE = 0.05;
    private static final double STATIONARY_TOLERANCE = 0.10;

    private Path dir;
    private EpnsRuntime runtime;
    private Path data;
    private Map<String, Object> oneStep;

    @BeforeAll
    void trainOneStep(@TempDir Path tempDir) throws IOException {
        dir = tempDir;
        runtime = Guice.createInjector(new EpnsModule()).getInstance(EpnsRuntime.class);
        data = dir.resolve("data");
        runtime.generate(LinearGaussianDomain.ID, PRESET, 1, data, null);
        oneStep = trainAndEvaluate("one-step", null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> trainAndEvaluate(String name, TrainingConfig config) throws IOException {
        Path run = dir.resolve(name);
        runtime.train(new TrainRequest(LinearGaussianDomain.ID, null, PRESET, data, run, null, null, false, config),
                TrainingListener.NONE, () -> false);
        Map<String, Object> metrics = (Map<String, Object>) runtime.evaluate(run, data, "best", 7).get("metrics");
        System.out.println("linear-gaussian " + name + ": " + metrics);
        return metrics;
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    @Test
    void heldOutNllIsWithinFiveHundredthsOfANatOfTheTrueConditionalEntropy() {
        assertThat(Math.abs(num(oneStep, "nllGap"))).as("NLL gap %s", oneStep).isLessThan(NLL_TOLERANCE_NATS);
    }

    @Test
    void impliedSigmaIsWithinFivePercentOfTheTruth() {
        assertThat(Math.abs(num(oneStep, "sigmaRelativeError"))).as("%s", oneStep).isLessThan(SIGMA_TOLERANCE);
    }

    @Test
    void thousandStepRolloutsStayFiniteAndMatchTheStationaryVariance() {
        // The evaluator rejects non-finite rollout values; the variance is pooled over 64 x 900 steps.
        assertThat(Math.abs(num(oneStep, "stationaryVarianceRelativeError"))).as("%s", oneStep)
                .isLessThan(STATIONARY_TOLERANCE);
    }

    @Test
    void multiStepTrainingRunsAndDoesNotMakeTheFitWorse() throws IOException {
        TrainingConfig base = new LinearGaussianDomain().trainingConfig(LinearGaussianModel.NAME, PRESET);
        // Rollouts of 2 steps from epoch 61 on, 3 steps from epoch 80 on.
        TrainingConfig multi = base.withStrategy(TrainingStrategy.MULTI_STEP, new MultiStepSchedule(60, 0, 40, 0.5));
        Map<String, Object> m = trainAndEvaluate("multi-step", multi);
        assertThat(Math.abs(num(m, "nllGap"))).as("%s", m)
                .isLessThan(Math.max(NLL_TOLERANCE_NATS, Math.abs(num(oneStep, "nllGap")) + 0.01));
        assertThat(Math.abs(num(m, "sigmaRelativeError"))).as("%s", m).isLessThan(SIGMA_TOLERANCE);
        assertThat(Math.abs(num(m, "stationaryVarianceRelativeError"))).as("%s", m).isLessThan(STATIONARY_TOLERANCE);
    }
}
