package org.epnsj.domain.cellular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.EvaluationContext;
import org.epnsj.api.training.TrainingConfig;
import org.junit.jupiter.api.Test;

class CellularEvaluatorTest {

    /** A frame (L, L, 2) from an id map; cell c has type typeOf[c]. */
    static float[] frame(int[][] ids, int... typeOf) {
        int n = ids.length;
        float[] f = new float[n * n * 2];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                f[2 * (r * n + c)] = ids[r][c];
                f[2 * (r * n + c) + 1] = typeOf[ids[r][c]];
            }
        }
        return f;
    }

    @Test
    void clustersAreFourConnectedComponentsPerTypeOnTheTorus() {
        int[][] ids = {
            {1, 1, 0, 0, 3, 3},
            {1, 1, 0, 0, 3, 3},
            {2, 2, 0, 0, 0, 0},
            {0, 0, 0, 4, 0, 0},
            {0, 0, 0, 0, 4, 0},
            {0, 0, 0, 0, 0, 0}};
        // Cells 1 and 2 touch and share type 1; cell 3 (type 1) touches cell 1 across the left-right seam;
        // cell 4 has type 2 and its two pixels meet only diagonally: two clusters.
        assertThat(CellMetrics.sameTypeClusters(frame(ids, 0, 1, 1, 1, 2))).isEqualTo(3);
        // With cell 3 of type 2 it is a cluster of its own.
        assertThat(CellMetrics.sameTypeClusters(frame(ids, 0, 1, 1, 2, 2))).isEqualTo(4);
        assertThat(CellMetrics.sameTypeClusters(frame(new int[3][3], 0))).as("all medium").isZero();
    }

    @Test
    void volumesAndStabilityFollowTheThresholds() {
        CellularEvaluator evaluator = new CellularEvaluator(4, 25);
        int[][] stable = new int[10][10];
        int[][] oneCellGone = new int[10][10];
        for (int s = 0; s < 100; s++) {
            // Four cells of 25 pixels each; in the second frame cell 4 is absent (volume 0) and cell 1 has 50.
            stable[s / 10][s % 10] = 1 + s / 25;
            oneCellGone[s / 10][s % 10] = Math.min(3, 1 + s / 25) == 3 && s >= 75 ? 1 : Math.min(3, 1 + s / 25);
        }
        float[] ok = frame(stable, 0, 1, 2, 3, 4);
        float[] bad = frame(oneCellGone, 0, 1, 2, 3, 4);
        assertThat(CellMetrics.volumes(bad, 4)).containsExactly(0, 50, 25, 25, 0);
        assertThat(CellMetrics.cellsOutside(ok, 4, 16, 30)).isZero();
        assertThat(CellMetrics.cellsOutside(bad, 4, 16, 30)).isEqualTo(2);
        // Thresholds at 4 cells: more than floor(12 / 64 * 4) = 0 unstable cells. Once unstable, always unstable.
        List<Double> fraction = evaluator.fractionStable(List.of(List.of(ok, ok, ok), List.of(ok, bad, ok)));
        assertThat(fraction).containsExactly(1.0, 0.5, 0.5);
    }

    @Test
    void speedIsTheMeanCentreOfMassStepAcrossTheSeam() {
        List<float[]> frames = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int[][] ids = new int[8][8];
            // A 2x2 cell moving one column right per frame, wrapping from column 7 to 0.
            for (int r = 2; r < 4; r++) {
                ids[r][(6 + t) % 8] = 1;
                ids[r][(7 + t) % 8] = 1;
            }
            // A resting cell.
            ids[6][2] = 2;
            frames.add(frame(ids, 0, 1, 2));
        }
        assertThat(CellMetrics.meanSpeed(frames, 2)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void ksStepsAreClampedToTheTrajectoryLengthAndSaySo() {
        CellularEvaluator evaluator = new CellularEvaluator(4, 25);
        float[] a = frame(new int[][] {{1, 0}, {0, 2}}, 0, 1, 1);
        float[] b = frame(new int[][] {{1, 1}, {0, 0}}, 0, 1, 1);
        List<List<float[]>> runs = List.of(List.of(a, a, a), List.of(a, b, b));
        Map<String, Object> out = evaluator.clusterTests(runs, runs, 2);
        assertThat((String) out.get("clusterKsNote")).contains("clamped to [2]");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tests = (List<Map<String, Object>>) out.get("clusterKs");
        assertThat(tests).hasSize(1);
        assertThat(tests.get(0)).containsEntry("step", 2).containsEntry("statistic", 0.0);
        assertThat((double) tests.get(0).get("modelMeanClusters")).isEqualTo(1.5);
    }

    @Test
    void rolloutsEqualToTheDataGiveAZeroKsStatistic() {
        List<Trajectory> data = CellModelsTest.tinyTrajectories(3, 17, 9);
        Map<String, Object> out = CellularEvaluator.FOR_ANY_PRESET.evaluate(new FakeContext(data, data));
        assertThat(out).containsKeys("testNegativeElbo", "clusterKs", "fractionStable", "modelMeanCellSpeed");
        assertThat((String) out.get("clusterKsNote")).contains("16 model steps").contains("clamped to [15, 16]");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tests = (List<Map<String, Object>>) out.get("clusterKs");
        assertThat(tests.get(0)).containsEntry("statistic", 0.0);
        assertThat((double) tests.get(0).get("pValue")).isGreaterThan(0.99);
        assertThat(out.get("fractionStable")).isEqualTo(out.get("dataFractionStable"));
        assertThat((double) out.get("modelMeanCellSpeed")).isEqualTo((double) out.get("dataMeanCellSpeed")).isPositive();
    }

    /** Two disjoint samples of five: D = 1, and exactly 2 of the C(10, 5) = 252 splits reach it. */
    @Test
    void pValueIsTheExactTailOfTheUntouchedStatistic() {
        var ks = new org.hipparchus.stat.inference.KolmogorovSmirnovTest(1L);
        double[] low = {1, 1, 2, 2, 2};
        double[] high = {3, 3, 4, 4, 4};
        assertThat(ks.kolmogorovSmirnovStatistic(low, high)).isEqualTo(1.0);
        assertThat(CellularEvaluator.pValue(ks, 1.0, 5, 5)).isCloseTo(2.0 / 252, within(1e-9));
        assertThat(CellularEvaluator.pValue(ks, 0.0, 5, 5)).isCloseTo(1.0, within(1e-9));
        // P(D >= 4/5) = 20 / 252 for two samples of five.
        assertThat(CellularEvaluator.pValue(ks, 0.8, 5, 5)).isCloseTo(20.0 / 252, within(1e-9));
    }

    @Test
    void missingSplitsAreNamed() {
        List<Trajectory> data = CellModelsTest.tinyTrajectories(1, 3, 9);
        assertThatThrownBy(() -> CellularEvaluator.FOR_ANY_PRESET.evaluate(new FakeContext(List.of(), data)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'test'");
        assertThatThrownBy(() -> CellularEvaluator.FOR_ANY_PRESET.evaluate(new FakeContext(data, List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'test_same_init'");
    }

    /** A context whose "model" replays the data: rollouts from trajectory i of a split are that split's trajectories. */
    private record FakeContext(List<Trajectory> test, List<Trajectory> sameInit) implements EvaluationContext {
        @Override
        public TransitionModel model() {
            throw new UnsupportedOperationException();
        }

        @Override
        public TrainingConfig config() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Trajectory> split(String name) {
            return switch (name) {
                case "test" -> test;
                case "test_same_init" -> sameInit;
                default -> List.of();
            };
        }

        @Override
        public List<Trajectory> rollouts(Trajectory start, int startFrame, int steps, int samples) {
            List<Trajectory> pool = sameInit.contains(start) && samples > 1 ? sameInit : List.of(start);
            List<Trajectory> out = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                Trajectory t = pool.get(i % pool.size());
                float[] data = new float[(steps + 1) * t.frameSize()];
                for (int f = 0; f <= steps; f++) {
                    t.copyFrame(startFrame + f, data, f * t.frameSize());
                }
                out.add(new FloatTrajectory(t.frameShape(), steps + 1, data));
            }
            return out;
        }

        @Override
        public double negativeElbo(String split) {
            return 1.0;
        }
    }
}
