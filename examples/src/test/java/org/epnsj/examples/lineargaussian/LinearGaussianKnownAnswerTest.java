package org.epnsj.examples.lineargaussian;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
        Map<String, Object> report = runtime.evaluate(run, data, "best", 7);
        Map<String, Object> metrics = new LinkedHashMap<>((Map<String, Object>) report.get("metrics"));
        metrics.put("checkpointEpoch", report.get("checkpointEpoch"));
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

    /**
     * Multi-step training feeds the model's own mean prediction back as the next input, so the target
     * of step k is scattered around it by the true noise plus the error of the earlier predictions. Even
     * a model that predicts a x exactly then fits, by maximum likelihood over rollouts of 3 steps, the
     * spread sigma^2 (3 + 2 a^2 + a^4) / 3 (the mean of sigma^2, sigma^2 (1 + a^2) and
     * sigma^2 (1 + a^2 + a^4)); a latent that carries part of the noise brings it back towards sigma.
     * The best checkpoint is one of the 3-step epochs, so its sigma must lie between the two, its a must
     * stay right and its long rollouts must have the stationary variance of the AR(1) it implies.
     */
    @Test
    void multiStepTrainingWidensSigmaNoMoreThanTrainingOnItsOwnPredictionsExplains() throws IOException {
        TrainingConfig base = new LinearGaussianDomain().trainingConfig(LinearGaussianModel.NAME, PRESET);
        // Rollouts of 2 steps from epoch 61 on, 3 steps from epoch 80 on (epochs count from 0).
        MultiStepSchedule schedule = new MultiStepSchedule(60, 0, 40, 0.5);
        TrainingConfig multi = base.withStrategy(TrainingStrategy.MULTI_STEP, schedule);
        Map<String, Object> m = trainAndEvaluate("multi-step", multi);
        assertThat(num(m, "checkpointEpoch")).as("the best checkpoint comes from a 3-step epoch: %s", m)
                .isGreaterThanOrEqualTo(80);
        double a = num(m, "trueA");
        double sigma = num(m, "trueSigma");
        double ownPredictionSigma = sigma * Math.sqrt((3 + 2 * a * a + Math.pow(a, 4)) / 3);
        assertThat(num(m, "impliedSigma")).as("%s", m)
                .isBetween(sigma * (1 - SIGMA_TOLERANCE), ownPredictionSigma * (1 + SIGMA_TOLERANCE));
        assertThat(Math.abs(num(m, "impliedA") / a - 1)).as("%s", m).isLessThan(SIGMA_TOLERANCE);
        double impliedA = num(m, "impliedA");
        double impliedSigma = num(m, "impliedSigma");
        double impliedStationary = impliedSigma * impliedSigma / (1 - impliedA * impliedA);
        // 25 %: the implied a and sigma come from 256 one-step samples at each of 32 states, and 1 - a^2 magnifies
        // the error of a about tenfold.
        assertThat(Math.abs(num(m, "stationaryVariance") / impliedStationary - 1)).as("%s", m).isLessThan(0.25);
    }
}
