package org.epnsj.domain.cellular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.metric.MetricDeclarations;
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
    void centresAreTheCentreOfMassOfTheUnwrappedPixels() {
        int[][] ids = new int[8][8];
        // An asymmetric cell across both seams: pixels (0, 7), (0, 0), (0, 1), (7, 1); unwrapped rows 0, 0, 0, -1
        // and columns -1, 0, 1, 1, so its centre is (-0.25, 0.25), i.e. (7.75, 0.25). The circular mean per
        // axis would give column 0.283.
        ids[0][7] = 1;
        ids[0][0] = 1;
        ids[0][1] = 1;
        ids[7][1] = 1;
        double[][] centres = CellMetrics.centres(frame(ids, 0, 1, 1), 2);
        assertThat(centres[1]).containsExactly(new double[] {7.75, 0.25}, within(1e-12));
        assertThat(centres[2]).as("absent cell").containsOnly(Double.NaN);
    }

    /**
     * Frame t of a hand-built 8 x 8 trajectory: cell 1 (2 x 2) moves one column right per frame and
     * wraps around the seam; cell 2 (one pixel) jitters between two columns; cell 3 rests across
     * both seams; cell 4 is there in frames 0 and 1 only. Every cell has type 1.
     */
    private static float[] movingCells(int t) {
        int[][] ids = new int[8][8];
        for (int r = 2; r < 4; r++) {
            ids[r][(6 + t) % 8] = 1;
            ids[r][(7 + t) % 8] = 1;
        }
        ids[6][2 + t % 2] = 2;
        ids[0][7] = 3;
        ids[0][0] = 3;
        ids[7][0] = 3;
        if (t < 2) {
            ids[5][5] = 4;
        }
        return frame(ids, 0, 1, 1, 1, 1);
    }

    private static List<float[]> movingCells(int from, int frames) {
        List<float[]> out = new ArrayList<>();
        for (int t = from; t < from + frames; t++) {
            out.add(movingCells(t));
        }
        return out;
    }

    @Test
    void displacementsAreSummedAcrossTheSeamAndVanishedCellsAreLeftOut() {
        // 13 frames: cell 1 goes 12 columns, once and a half around the 8-column torus.
        double[][][] d = CellMetrics.displacements(movingCells(0, 13), 4);
        assertThat(d[1][12]).containsExactly(new double[] {0, 12}, within(1e-9));
        assertThat(d[2][11]).containsExactly(new double[] {0, 1}, within(1e-9));
        assertThat(d[2][12]).containsExactly(new double[] {0, 0}, within(1e-9));
        assertThat(d[3][12]).containsExactly(new double[] {0, 0}, within(1e-9));
        assertThat(d[4]).as("cell 4 vanishes at frame 2").isNull();

        // Two trajectories: the one above, and one starting at frame 1 (cell 2 jitters the other way first).
        CellMetrics.Displacement stats = CellMetrics.Displacement.of(List.of(movingCells(0, 13), movingCells(1, 12)), 4);
        assertThat(stats.meanNet()).hasSize(12);
        assertThat(stats.trackedCells()).isEqualTo(6);
        assertThat(stats.excludedCells()).isEqualTo(2);
        for (int t = 0; t < 12; t++) {
            // In both trajectories: cell 1 at distance t, cell 2 at t mod 2, cell 3 at 0.
            assertThat(stats.meanNet()[t]).as("net at %d", t).isCloseTo((2.0 * t + 2 * (t % 2)) / 6, within(1e-9));
            assertThat(stats.meanSquared()[t]).as("msd at %d", t).isCloseTo((2.0 * t * t + 2 * (t % 2)) / 6,
                    within(1e-9));
        }
    }

    @Test
    void displacementMetricsCompareModelAndDataAtTheClampedSteps() {
        CellularEvaluator evaluator = new CellularEvaluator(4, 25);
        List<float[]> resting = new ArrayList<>();
        for (int t = 0; t < 13; t++) {
            resting.add(movingCells(0));
        }
        Map<String, Object> out = evaluator.displacementMetrics(List.of(movingCells(0, 13)), List.of(resting));
        assertThat((String) out.get("displacementNote")).contains("12 model steps").contains("clamped to [10, 12]");
        // Cells 1-3 tracked in the model; cell 2 is back at its start at even steps.
        assertThat((double) out.get("netDisplacementModel10")).isCloseTo(10.0 / 3, within(1e-9));
        assertThat((double) out.get("netDisplacementModel12")).isCloseTo(12.0 / 3, within(1e-9));
        assertThat((double) out.get("msdModel12")).isCloseTo(144.0 / 3, within(1e-9));
        assertThat(out).containsEntry("netDisplacementData10", 0.0).containsEntry("msdData12", 0.0)
                .doesNotContainKeys("netDisplacementModel20", "msdModel40")
                .containsEntry("displacementTrackedCellsModel", 3).containsEntry("displacementExcludedCellsModel", 1)
                .containsEntry("displacementTrackedCellsData", 4).containsEntry("displacementExcludedCellsData", 0);
        @SuppressWarnings("unchecked")
        List<Double> curve = (List<Double>) out.get("displacementMsdCurveModel");
        assertThat(curve).hasSize(13);
        assertThat(curve.get(11)).isCloseTo((121.0 + 1) / 3, within(1e-9));
        // The path length is another matter: cell 2's jitter adds a pixel every step though it goes nowhere.
        assertThat(CellMetrics.meanSpeed(movingCells(0, 13), 3)).isCloseTo(2.0 / 3, within(1e-9));
    }

    @Test
    void aModelWhoseCellsAllVanishSaysSo() {
        CellularEvaluator evaluator = new CellularEvaluator(1, 25);
        float[] one = frame(new int[][] {{1, 0}, {0, 0}}, 0, 1);
        float[] none = frame(new int[2][2], 0, 1);
        Map<String, Object> out = evaluator.displacementMetrics(List.of(List.of(one, none)), List.of(List.of(one, one)));
        assertThat((String) out.get("displacementNote")).contains("no cell of the model's rollouts");
        assertThat((double) out.get("netDisplacementModel1")).isNaN();
        assertThat(out).containsEntry("netDisplacementData1", 0.0).containsEntry("displacementExcludedCellsModel", 1);
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
        // Every metric reported is declared (the per-step displacements by their {step} families), and
        // every one declared and not optional is reported.
        MetricDeclarations.check("cellular", CellularEvaluator.FOR_ANY_PRESET.metrics(), out);
        assertThat(out).containsKeys("testNegativeElbo", "clusterKs", "fractionStable", "modelMeanCellSpeed");
        assertThat((String) out.get("clusterKsNote")).contains("16 model steps").contains("clamped to [15, 16]");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tests = (List<Map<String, Object>>) out.get("clusterKs");
        assertThat(tests.get(0)).containsEntry("statistic", 0.0);
        assertThat((double) tests.get(0).get("pValue")).isGreaterThan(0.99);
        assertThat(out.get("fractionStable")).isEqualTo(out.get("dataFractionStable"));
        assertThat((double) out.get("modelMeanCellSpeed")).isEqualTo((double) out.get("dataMeanCellSpeed")).isPositive();
        assertThat((String) out.get("displacementNote")).contains("clamped to [10, 16]");
        for (String figure : List.of("netDisplacement%s10", "netDisplacement%s16", "msd%s10", "msd%s16")) {
            assertThat((double) out.get(figure.formatted("Model"))).as(figure)
                    .isEqualTo((double) out.get(figure.formatted("Data"))).isPositive();
        }
        assertThat(out.get("displacementMsdCurveModel")).isEqualTo(out.get("displacementMsdCurveData"));
        assertThat(out.get("displacementTrackedCellsModel")).isEqualTo(out.get("displacementTrackedCellsData"))
                .isNotEqualTo(0);
        assertThat(out.get("displacementExcludedCellsModel")).isEqualTo(out.get("displacementExcludedCellsData"));
    }

    /**
     * The fake's prior steps replay the truth and its posterior steps keep the start: the prior's
     * figures are the data's, the posterior's those of a latent that carries no motion.
     */
    @Test
    void oneStepFiguresTellAMovingStepFromAStill() {
        List<Trajectory> data = CellModelsTest.tinyTrajectories(3, 17, 9);
        List<Trajectory> sameInit = CellModelsTest.tinyTrajectories(3, 17, 10);
        Map<String, Object> out = CellularEvaluator.FOR_ANY_PRESET.evaluate(new FakeContext(data, sameInit));
        assertThat(out).containsEntry("oneStepStates", CellularEvaluator.OneStep.STARTS);
        double changed = (double) out.get("oneStepChangedSitesData");
        double msd = (double) out.get("oneStepMsdData");
        assertThat(changed).isBetween(0.001, 0.5);
        assertThat(msd).isPositive();
        assertThat((double) out.get("oneStepChangedSitesPrior")).isCloseTo(changed, within(1e-12));
        assertThat((double) out.get("oneStepMotionAccuracyPrior")).isEqualTo(1.0);
        assertThat((double) out.get("oneStepMsdPrior")).isCloseTo(msd, within(1e-9));
        assertThat((double) out.get("oneStepCentreErrorPrior")).isZero();
        assertThat((double) out.get("oneStepChangedSitesPosterior")).isZero();
        assertThat((double) out.get("oneStepMotionAccuracyPosterior")).isZero();
        assertThat((double) out.get("oneStepMsdPosterior")).isZero();
        assertThat((double) out.get("oneStepCentreErrorPosterior")).isCloseTo(msd, within(1e-9));
        // The simulator's volume energy keeps volumes nearly constant, but not exactly: the data's mean
        // change is small and not zero; replaying the truth gives it, keeping the start gives zero.
        double volume = (double) out.get("oneStepVolumeChangeData");
        assertThat(Math.abs(volume)).isLessThan(2.0);
        assertThat((double) out.get("oneStepVolumeChangePrior")).isCloseTo(volume, within(1e-12));
        assertThat((double) out.get("oneStepVolumeChangePosterior")).isZero();
    }

    /** A posterior step that empties the lattice loses every cell's whole volume. */
    @Test
    void aStepThatEmptiesTheLatticeLosesTheMeanCellVolume() {
        List<Trajectory> data = CellModelsTest.tinyTrajectories(3, 17, 9);
        EvaluationContext emptying = new FakeContext(data, CellModelsTest.tinyTrajectories(3, 17, 10), true);
        Map<String, Object> out = CellularEvaluator.FOR_ANY_PRESET.evaluate(emptying);
        // The mean volume of the cells in the data's frames, counted directly.
        double sites = 0;
        double cellsPresent = 0;
        for (Trajectory t : data) {
            for (int f = 0; f < t.length(); f++) {
                float[] frame = t.frame(f);
                java.util.Set<Integer> ids = new java.util.HashSet<>();
                for (int i = 0; i < frame.length; i += 2) {
                    if (frame[i] > 0) {
                        sites++;
                        ids.add((int) frame[i]);
                    }
                }
                cellsPresent += ids.size();
            }
        }
        double meanVolume = sites / cellsPresent;
        assertThat(meanVolume).isGreaterThan(2);
        assertThat((double) out.get("oneStepVolumeChangePosterior")).isCloseTo(-meanVolume, within(0.2 * meanVolume));
        assertThat((double) out.get("oneStepVolumeChangePrior")).isCloseTo((double) out.get("oneStepVolumeChangeData"),
                within(1e-12));
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

    /**
     * A context whose "model" replays the data: rollouts from trajectory i of a split are that split's
     * trajectories; its posterior steps keep the start, or with {@code emptyingPosterior} leave an
     * empty lattice.
     */
    private record FakeContext(List<Trajectory> test, List<Trajectory> sameInit, boolean emptyingPosterior)
            implements EvaluationContext {

        FakeContext(List<Trajectory> test, List<Trajectory> sameInit) {
            this(test, sameInit, false);
        }

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

        /** The start frame, unchanged (or emptied). */
        @Override
        public List<Trajectory> posteriorSteps(Trajectory trajectory, int startFrame, int samples) {
            float[] start = trajectory.frame(startFrame);
            float[] data = new float[2 * start.length];
            System.arraycopy(start, 0, data, 0, start.length);
            if (!emptyingPosterior) {
                System.arraycopy(start, 0, data, start.length, start.length);
            }
            List<Trajectory> out = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                out.add(new FloatTrajectory(trajectory.frameShape(), 2, data.clone()));
            }
            return out;
        }

        @Override
        public double negativeElbo(String split) {
            return 1.0;
        }
    }
}
