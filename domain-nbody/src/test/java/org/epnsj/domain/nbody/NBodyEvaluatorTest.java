package org.epnsj.domain.nbody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.epnsj.domain.nbody.FakeEvaluationContext.rng;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.SplitSpec;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.metric.MetricDeclarations;
import org.epnsj.runtime.rollout.RolloutDivergedException;
import org.junit.jupiter.api.Test;

class NBodyEvaluatorTest {

    private static final StochasticNBodySimulator SIM = new StochasticNBodySimulator();
    private static final Map<String, SplitSpec> TINY = NBodyPresets.tiny().splits();
    private static final double NEGATIVE_ELBO = 1.5;

    /** {@code count} trajectories of {@code frames} frames from one shared initial state (seed 1), noise seeds 100, 101, .... */
    private static List<Trajectory> sameInit(int count, int frames) {
        DoubleTensor x0 = SIM.initialState(rng(1));
        List<Trajectory> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(SIM.simulate(x0, frames, rng(100 + i)));
        }
        return out;
    }

    /** {@code count} trajectories with independent initial states, seeds base, base + 1, .... */
    private static List<Trajectory> independent(int count, int frames, long base) {
        List<Trajectory> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(SIM.simulate(SIM.initialState(rng(base + i)), frames, rng(base + 1000 + i)));
        }
        return out;
    }

    private static Map<String, List<Trajectory>> splits(List<Trajectory> sameInit, boolean withLong) {
        Map<String, List<Trajectory>> s = new LinkedHashMap<>();
        s.put("test", independent(TINY.get("test").trajectories(), TINY.get("test").frames(), 10));
        s.put("test_same_init", sameInit);
        if (withLong) {
            s.put("test_long", independent(TINY.get("test_long").trajectories(), TINY.get("test_long").frames(), 20));
        }
        return s;
    }

    /** The asymptotic two-sample KS critical value c(α) sqrt((n + m) / (n m)). */
    private static double ksCriticalValue(double alpha, int n, int m) {
        return Math.sqrt(-Math.log(alpha / 2) / 2) * Math.sqrt((n + m) / ((double) n * m));
    }

    @SuppressWarnings("unchecked")
    private static List<Double> list(Map<String, Object> metrics, String key) {
        return (List<Double>) metrics.get(key);
    }

    /**
     * A model that is the ground-truth simulator must pass every KS test. 50 same-init trajectories
     * of the tiny preset's length (101 frames: 10 model steps, so every requested step clamps to 10)
     * against 100 model samples, seeds fixed; each D must stay below the critical value at
     * α = 1e-3 (0.338), which a correct model exceeds with probability 1e-3 per test.
     */
    @Test
    void theSimulatorAsModelMatchesTheGroundTruth() {
        var context = new FakeEvaluationContext(splits(sameInit(50, TINY.get("test_same_init").frames()), true),
                FakeEvaluationContext.simulator(SIM, 1, 7), NEGATIVE_ELBO);
        Map<String, Object> m = new NBodyEvaluator(NBodyConfig.standard()).evaluate(context);
        // Every metric reported is declared, and every one declared and not optional is reported.
        MetricDeclarations.check("n-body", new NBodyEvaluator(NBodyConfig.standard()).metrics(), m);

        assertThat(m.get("testNegativeElbo")).isEqualTo(NEGATIVE_ELBO);
        assertThat(m.get("testModelStepsPerTrajectory")).isEqualTo(10.0);
        assertThat(m.get("testLogLikelihood")).isEqualTo(-15.0);
        assertThat(m.get("ksModelSamples")).isEqualTo(100);
        assertThat(m.get("ksTruthSamples")).isEqualTo(50);
        assertThat(m.get("ksRolloutSteps")).isEqualTo(10);
        assertThat(m.get("ksRequestedSteps")).isEqualTo(List.of(24, 49, 99));
        assertThat(m.get("ksSteps")).isEqualTo(List.of(10, 10, 10));
        assertThat(m).doesNotContainKey("ksRolloutDivergedAtStep");
        // One step of the true dynamics from true states: the energy is kept and the prediction error
        // is the noise alone, far below the deterministic velocity change.
        assertThat((double) m.get("oneStepKineticEnergyRatio")).isBetween(0.9, 1.1);
        assertThat((double) m.get("oneStepVelocityRmse")).isLessThan(0.5 * (double) m.get("trueVelocityChangeRms"));
        // Every state is either an encounter step or a calm one; in both the true dynamics keep the energy.
        assertThat(m.get("oneStepStates")).isEqualTo(OneStepAccuracy.STARTS);
        assertThat((double) m.get("oneStepEncounterFraction")).isBetween(0.0, 1.0);
        for (String part : List.of("Encounter", "Calm")) {
            double ratio = (double) m.get("oneStepKineticEnergyRatio" + part);
            assertThat(Double.isNaN(ratio) || (ratio > 0.8 && ratio < 1.2)).as(part + " " + ratio).isTrue();
        }
        // The fake's posterior steps are the true next frames: no error, where the prior's steps have the noise's.
        assertThat((double) m.get("oneStepVelocityRmsePosterior")).isZero();
        assertThat((double) m.get("oneStepVelocityRmse")).isPositive();

        double bound = ksCriticalValue(1e-3, 100, 50);
        List<Double> pValues = new ArrayList<>();
        for (String energy : List.of("KineticEnergy", "PotentialEnergy", "TotalEnergy")) {
            assertThat(list(m, "ks" + energy + "Statistic")).allSatisfy(d -> assertThat(d).isBetween(0.0, bound));
            pValues.addAll(list(m, "ks" + energy + "PValue"));
        }
        assertThat((double) m.get("ksFurthestDistanceStatistic")).isBetween(0.0, bound);
        pValues.add((Double) m.get("ksFurthestDistancePValue"));
        assertThat(pValues).allSatisfy(p -> assertThat(p).isGreaterThan(1e-3));
        assertThat(Collections.max(pValues)).isGreaterThan(0.05);

        for (String band : List.of("Median", "Q10", "Q90")) {
            assertThat(list(m, "totalEnergyModel" + band)).hasSize(11).doesNotContainNull();
            assertThat(list(m, "totalEnergyTruth" + band)).hasSize(11);
        }
        // Step 0 is the shared initial state (the model's copy is float32-rounded like the data).
        assertThat(list(m, "totalEnergyModelMedian").get(0))
                .isCloseTo(list(m, "totalEnergyTruthMedian").get(0), within(1e-9));
        assertThat(list(m, "totalEnergyTruthQ10").get(10)).isLessThan(list(m, "totalEnergyTruthQ90").get(10));

        // The true dynamics conserve energy up to small noise: every run stays stable.
        assertThat(m.get("stabilityRuns")).isEqualTo(2);
        assertThat(m.get("stabilitySteps")).isEqualTo(20);
        assertThat(m.get("stabilityEnergyJumpThreshold")).isEqualTo(20.0);
        assertThat(m.get("stabilityNonFiniteRuns")).isEqualTo(0);
        assertThat(list(m, "stableFraction")).hasSize(21).containsOnly(1.0);
        assertThat(m.get("stableFractionFinal")).isEqualTo(1.0);
    }

    /** Velocities tripled (kinetic energy ×9) are caught even with the tiny preset's 4 same-init runs. */
    @Test
    void aModelWithTripledVelocitiesFailsTheKsTests() {
        int count = TINY.get("test_same_init").trajectories();
        var context = new FakeEvaluationContext(splits(sameInit(count, TINY.get("test_same_init").frames()), false),
                FakeEvaluationContext.simulator(SIM, 3, 7), NEGATIVE_ELBO);
        Map<String, Object> m = new NBodyEvaluator(NBodyConfig.standard()).evaluate(context);
        // Every metric reported is declared, and every one declared and not optional is reported.
        MetricDeclarations.check("n-body", new NBodyEvaluator(NBodyConfig.standard()).metrics(), m);

        assertThat(m.get("ksTruthSamples")).isEqualTo(count);
        assertThat(list(m, "ksKineticEnergyStatistic")).allSatisfy(d -> assertThat(d).isGreaterThan(0.9));
        assertThat(list(m, "ksKineticEnergyPValue")).allSatisfy(p -> assertThat(p).isLessThan(1e-3));
        assertThat(list(m, "ksTotalEnergyStatistic")).allSatisfy(d -> assertThat(d).isGreaterThan(0.9));
        assertThat(list(m, "totalEnergyModelMedian").get(10)).isGreaterThan(list(m, "totalEnergyTruthQ90").get(10));
        assertThat((double) m.get("oneStepKineticEnergyRatio")).isGreaterThan(3.0);
    }

    /** Two bodies 0.3 apart that pass at 0.05 in the middle frame of a step: an encounter of that step only. */
    @Test
    void theClosestApproachOfAStepLooksAtEverySavedFrameWithinIt() {
        int frames = 21;
        float[] data = new float[frames * 2 * NBodyDiagnostics.CHANNELS];
        for (int f = 0; f < frames; f++) {
            int o = f * 2 * NBodyDiagnostics.CHANNELS;
            data[o] = 1;
            data[o + NBodyDiagnostics.CHANNELS] = 1;
            data[o + NBodyDiagnostics.CHANNELS + 1] = f == 5 ? 0.05f : 0.3f;
        }
        Trajectory t = new org.epnsj.api.data.FloatTrajectory(new long[] {2, NBodyDiagnostics.CHANNELS}, frames, data);
        assertThat(OneStepAccuracy.closestApproach(t, 0, 10)).isCloseTo(0.05, within(1e-7));
        assertThat(OneStepAccuracy.closestApproach(t, 10, 10)).isCloseTo(0.3, within(1e-7));
        assertThat(OneStepAccuracy.closestApproach(t, 5, 10)).isCloseTo(0.05, within(1e-7));
    }

    @Test
    void requestedStepsAreClampedToTheRolloutLength() {
        // 251 frames: 25 model steps. A model that stands still is enough to check the bookkeeping.
        FakeEvaluationContext.Rollouts still = (start, frame, steps, samples) -> {
            List<Trajectory> out = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                float[] data = new float[(steps + 1) * start.frameSize()];
                for (int s = 0; s <= steps; s++) {
                    start.copyFrame(frame, data, s * start.frameSize());
                }
                out.add(new org.epnsj.api.data.FloatTrajectory(start.frameShape(), steps + 1, data));
            }
            return out;
        };
        var context = new FakeEvaluationContext(splits(sameInit(3, 251), false), still, NEGATIVE_ELBO);
        Map<String, Object> m = new NBodyEvaluator(NBodyConfig.standard(), 5, 20).evaluate(context);
        // Every metric reported is declared, and every one declared and not optional is reported.
        MetricDeclarations.check("n-body", new NBodyEvaluator(NBodyConfig.standard(), 5, 20).metrics(), m);
        assertThat(m.get("ksRolloutSteps")).isEqualTo(25);
        assertThat(m.get("ksSteps")).isEqualTo(List.of(24, 25, 25));
        assertThat(m.get("ksModelSamples")).isEqualTo(5);
        assertThat(list(m, "totalEnergyModelMedian")).hasSize(26);
    }

    @Test
    void aDivergingKsRolloutGivesNanStatisticsAndTheStep() {
        FakeEvaluationContext.Rollouts diverging = (start, frame, steps, samples) -> {
            throw new RolloutDivergedException(7);
        };
        var context = new FakeEvaluationContext(splits(sameInit(4, 101), false), diverging, NEGATIVE_ELBO);
        Map<String, Object> m = new NBodyEvaluator(NBodyConfig.standard()).evaluate(context);
        // Every metric reported is declared, and every one declared and not optional is reported.
        MetricDeclarations.check("n-body", new NBodyEvaluator(NBodyConfig.standard()).metrics(), m);

        assertThat(m.get("ksRolloutDivergedAtStep")).isEqualTo(7);
        for (String energy : List.of("KineticEnergy", "PotentialEnergy", "TotalEnergy")) {
            assertThat(list(m, "ks" + energy + "Statistic")).hasSize(3).allSatisfy(d -> assertThat(d).isNaN());
            assertThat(list(m, "ks" + energy + "PValue")).hasSize(3).allSatisfy(p -> assertThat(p).isNaN());
        }
        assertThat((double) m.get("ksFurthestDistanceStatistic")).isNaN();
        assertThat(list(m, "totalEnergyModelMedian")).hasSize(11).allSatisfy(e -> assertThat(e).isNaN());
        assertThat(list(m, "totalEnergyTruthMedian")).hasSize(11).allSatisfy(e -> assertThat(e).isFinite());
    }

    @Test
    void withoutTestLongTheStabilityTestIsSkippedWithANote() {
        var context = new FakeEvaluationContext(splits(sameInit(4, 101), false),
                FakeEvaluationContext.simulator(SIM, 1, 7), NEGATIVE_ELBO);
        Map<String, Object> m = new NBodyEvaluator(NBodyConfig.standard(), 4, 20).evaluate(context);
        // Every metric reported is declared, and every one declared and not optional is reported.
        MetricDeclarations.check("n-body", new NBodyEvaluator(NBodyConfig.standard(), 4, 20).metrics(), m);
        assertThat((String) m.get("stabilitySkipped")).contains("test_long");
        assertThat(m).doesNotContainKeys("stableFraction", "stableFractionFinal");
    }

    @Test
    void missingRequiredSplitsAreNamed() {
        var noTest = new LinkedHashMap<>(splits(sameInit(4, 101), false));
        noTest.remove("test");
        var noSameInit = new LinkedHashMap<>(splits(sameInit(4, 101), false));
        noSameInit.remove("test_same_init");
        NBodyEvaluator evaluator = new NBodyEvaluator(NBodyConfig.standard());
        FakeEvaluationContext.Rollouts unused = (start, frame, steps, samples) -> {
            throw new AssertionError("no rollout expected");
        };
        assertThatThrownBy(() -> evaluator.evaluate(new FakeEvaluationContext(noTest, unused, NEGATIVE_ELBO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'test' split")
                .hasMessageContaining("data folder");
        assertThatThrownBy(() -> evaluator.evaluate(new FakeEvaluationContext(noSameInit, unused, NEGATIVE_ELBO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'test_same_init'")
                .hasMessageContaining("data folder");
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new NBodyEvaluator(NBodyConfig.standard(), 0, 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modelSamples");
        assertThatThrownBy(() -> new NBodyEvaluator(NBodyConfig.standard(), 100, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("energyJumpThreshold");
    }
}
