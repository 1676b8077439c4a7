package org.epnsj.domain.flocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.metric.MetricDeclarations;
import org.epnsj.api.model.Readout;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.EvaluationContext;
import org.epnsj.api.training.AdamSettings;
import org.epnsj.api.training.KlAnnealing;
import org.epnsj.api.training.MultiStepSchedule;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.api.training.TrainingStrategy;
import org.epnsj.runtime.rollout.RolloutDivergedException;
import org.junit.jupiter.api.Test;

/**
 * The flocking metrics on hand-built flocks with known answers: four particles on a unit square, which
 * either keep their shape and head one way (the "truth") or stay frozen at the start, split, blow up or
 * diverge (the "model").
 */
class FlockingEvaluatorTest {

    private static final int STRIDE = FlockingDomain.STRIDE;

    /** Rollouts as the fake context hands them out. */
    private interface Rollouts {
        List<Trajectory> sample(Trajectory start, int startFrame, int steps, int samples);
    }

    /** An evaluation context over fixed splits whose "model" is a rollout function. */
    private record FakeContext(Map<String, List<Trajectory>> splits, Rollouts rollouts, double negativeElbo)
            implements EvaluationContext {
        @Override public TransitionModel model() { return null; }
        @Override public TrainingConfig config() {
            return new TrainingConfig(1, 8, 1, STRIDE, new AdamSettings(1e-3, 0, 0.9, 0.999, 1e-8), KlAnnealing.LINEAR_OVER_RUN,
                    0, TrainingStrategy.ONE_STEP, MultiStepSchedule.PAPER, Readout.MEAN, Readout.MEAN, 1);
        }
        @Override public List<Trajectory> split(String name) { return splits.getOrDefault(name, List.of()); }
        @Override public List<Trajectory> rollouts(Trajectory start, int startFrame, int steps, int samples) {
            return rollouts.sample(start, startFrame, steps, samples);
        }
        @Override public double negativeElbo(String split) { return negativeElbo; }
    }

    /** The unit square at time 0 with the four compass headings (polarisation 0). */
    private static float[] start() {
        return new float[] {0, 0, 1, 0, 1, 0, 0, 1, 0, 1, -1, 0, 1, 1, 0, -1};
    }

    /** The square after time t: moved by (t, 0), every particle heading +x (polarisation 1 for t > 0). */
    private static float[] aligned(double t) {
        float[] f = start();
        for (int i = 0; i < 4; i++) {
            f[4 * i] += (float) t;
            f[4 * i + 2] = 1;
            f[4 * i + 3] = 0;
        }
        return f;
    }

    private static Trajectory trajectory(List<float[]> frames) {
        float[] data = new float[frames.size() * 16];
        for (int f = 0; f < frames.size(); f++) {
            System.arraycopy(frames.get(f), 0, data, f * 16, 16);
        }
        return new FloatTrajectory(new long[] {4, 4}, frames.size(), data);
    }

    /** A simulated flock of {@code frames} frames: the start, then the aligned square. */
    private static Trajectory truth(int frames) {
        List<float[]> out = new ArrayList<>();
        out.add(start());
        for (int f = 1; f < frames; f++) {
            out.add(aligned(0.1 * f));
        }
        return trajectory(out);
    }

    /** Rollouts that stay at their start frame. */
    private static List<Trajectory> frozen(Trajectory start, int startFrame, int steps, int samples) {
        List<float[]> frames = new ArrayList<>();
        for (int s = 0; s <= steps; s++) {
            frames.add(start.frame(startFrame));
        }
        List<Trajectory> out = new ArrayList<>();
        for (int k = 0; k < samples; k++) {
            out.add(trajectory(frames));
        }
        return out;
    }

    /** Rollouts that replay the truth at the model's stride. */
    private static List<Trajectory> replay(Trajectory start, int startFrame, int steps, int samples) {
        List<float[]> frames = new ArrayList<>();
        for (int s = 0; s <= steps; s++) {
            frames.add(start.frame(startFrame + s * STRIDE));
        }
        List<Trajectory> out = new ArrayList<>();
        for (int k = 0; k < samples; k++) {
            out.add(trajectory(frames));
        }
        return out;
    }

    /** Splits of 11-frame trajectories (2 model steps); test_long omitted. */
    private static Map<String, List<Trajectory>> shortSplits() {
        return Map.of("test", List.of(truth(11), truth(11)), "test_same_init", List.of(truth(11), truth(11), truth(11)));
    }

    @Test
    void aFrozenFlockDiffersInPolarisationOnlyAndAReplayNowhere() {
        Map<String, Object> frozen = new FlockingEvaluator().evaluate(new FakeContext(shortSplits(),
                FlockingEvaluatorTest::frozen, 2.5));
        // Every metric reported is declared, and every one declared and not optional is reported.
        MetricDeclarations.check("flocking", new FlockingEvaluator().metrics(), frozen);
        assertThat(frozen.get("ksSteps")).isEqualTo(List.of(1, 1, 2));
        assertThat(frozen.get("ksModelSamples")).isEqualTo(100);
        assertThat(frozen.get("ksTruthSamples")).isEqualTo(3);
        // Frozen headings keep polarisation 0 where the truth has 1; the square's shape is the same in both.
        assertThat(frozen.get("ksPolarisationStatistic")).isEqualTo(List.of(1.0, 1.0, 1.0));
        assertThat(frozen.get("ksNearestNeighbourDistanceStatistic")).isEqualTo(List.of(0.0, 0.0, 0.0));
        assertThat(frozen.get("ksRadiusStatistic")).isEqualTo(List.of(0.0, 0.0, 0.0));
        assertThat((List<?>) frozen.get("ksPolarisationPValue")).allSatisfy(p -> assertThat((Double) p).isLessThan(1e-3));
        assertThat(frozen.get("polarisationModelMedian")).isEqualTo(List.of(0.0, 0.0, 0.0));
        assertThat(frozen.get("polarisationTruthMedian")).isEqualTo(List.of(0.0, 1.0, 1.0));
        // Two model steps per 11-frame test trajectory, 2.5 nats each.
        assertThat(frozen.get("testLogLikelihood")).isEqualTo(-5.0);
        assertThat(frozen.get("stabilitySkipped")).asString().contains("no 'test_long' split");

        Map<String, Object> replay = new FlockingEvaluator().evaluate(new FakeContext(shortSplits(),
                FlockingEvaluatorTest::replay, 2.5));
        for (String stem : List.of("Polarisation", "NearestNeighbourDistance", "Radius")) {
            assertThat(replay.get("ks" + stem + "Statistic")).as(stem).isEqualTo(List.of(0.0, 0.0, 0.0));
        }
    }

    /**
     * Three long runs of 6 model steps: run 0 splits at step 3 (two particles jump 10 away), run 1
     * diverges at step 4, run 2 blows up at step 2 (positions scaled by 100); the simulated runs stay whole.
     */
    @Test
    void splitsBlowUpsAndDivergenceEndARunAtTheirStep() {
        List<Trajectory> longRuns = List.of(truth(31), truth(31), truth(31));
        Rollouts rollouts = (start, startFrame, steps, samples) -> {
            int run = longRuns.indexOf(start);
            if (run < 0) {
                return replay(start, startFrame, steps, samples);
            }
            if (run == 1) {
                throw new RolloutDivergedException(4);
            }
            List<float[]> frames = new ArrayList<>();
            for (int s = 0; s <= steps; s++) {
                float[] f = start.frame(startFrame + s * STRIDE);
                if (run == 0 && s >= 3) {
                    f[8] += 10;
                    f[12] += 10;
                }
                if (run == 2 && s >= 2) {
                    for (int i = 0; i < 4; i++) {
                        f[4 * i] *= 100;
                        f[4 * i + 1] *= 100;
                    }
                }
                frames.add(f);
            }
            return List.of(trajectory(frames));
        };
        Map<String, List<Trajectory>> splits = new java.util.HashMap<>(shortSplits());
        splits.put("test_long", longRuns);
        Map<String, Object> m = new FlockingEvaluator().evaluate(new FakeContext(splits, rollouts, 1.0));
        MetricDeclarations.check("flocking", new FlockingEvaluator().metrics(), m);
        assertThat(m.get("stabilityRuns")).isEqualTo(3);
        assertThat(m.get("stabilitySteps")).isEqualTo(6);
        assertThat(m.get("stabilitySplitRuns")).isEqualTo(1);
        assertThat(m.get("stabilityBlowUpRuns")).isEqualTo(2);
        assertThat(m.get("stableFraction")).isEqualTo(List.of(1.0, 1.0, 2 / 3.0, 1 / 3.0, 0.0, 0.0, 0.0));
        assertThat(m.get("stableFractionFinal")).isEqualTo(0.0);
        assertThat(m.get("dataStableFraction")).isEqualTo(List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0));
        assertThat(m.get("stabilityInteractionRadius")).isEqualTo(FlockingEvaluator.DEFAULT_INTERACTION_RADIUS);
    }

    @Test
    void horizonsAreAQuarterAHalfAndAllOfTheRollout() {
        assertThat(SwarmDistributionComparison.horizons(20)).containsExactly(5, 10, 20);
        assertThat(SwarmDistributionComparison.horizons(8)).containsExactly(2, 4, 8);
        assertThat(SwarmDistributionComparison.horizons(1)).containsExactly(1, 1, 1);
    }

    @Test
    void missingSplitsAndWrongLayoutsAreNamed() {
        FlockingEvaluator evaluator = new FlockingEvaluator();
        assertThatThrownBy(() -> evaluator.evaluate(new FakeContext(Map.of("test", List.of(truth(11))),
                FlockingEvaluatorTest::frozen, 1))).hasMessageContaining("needs the 'test_same_init' split");
        Trajectory nBodyLike = new FloatTrajectory(new long[] {5, 7}, 2, new float[70]);
        assertThatThrownBy(() -> evaluator.evaluate(new FakeContext(Map.of("test", List.of(nBodyLike)),
                FlockingEvaluatorTest::frozen, 1))).hasMessageContaining("split 'test' has frames of shape [5, 7]");
        assertThatThrownBy(() -> new FlockingEvaluator(10, -1, 20)).hasMessageContaining("interactionRadius must be finite and > 0");
    }
}
