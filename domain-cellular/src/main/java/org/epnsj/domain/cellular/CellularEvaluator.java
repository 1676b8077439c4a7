package org.epnsj.domain.cellular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.metric.Range;
import org.epnsj.api.spi.DomainEvaluator;
import org.epnsj.api.spi.EvaluationContext;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;

/**
 * The cell metrics of spec section 5: the teacher-forced negative ELBO on {@code test} (each model's
 * own KL normalisation, spec 9.24 fixed); two-sample Kolmogorov-Smirnov tests of the number of
 * same-type clusters at model steps 15, 30 and 45 between prior rollouts from the shared initial
 * state of {@code test_same_init} and that split's trajectories; the fraction of stable rollouts
 * from the {@code test} initial states per step; and, from those same rollouts against the
 * {@code test} trajectories they start from, the mean net displacement and mean squared displacement
 * (MSD) of cell centres from the start at steps 10, 20 and 40 (the MSD at every step as a curve),
 * and the mean cell speed (centre-of-mass path length per step, mostly lattice jitter in the data);
 * and one-step figures from test states with z from the prior and from the posterior ({@link OneStep}),
 * which tell a latent that does not carry the cells' motion from a prior whose draws do not reach it.
 *
 * <p>Volume stability scales the reference's thresholds (cells outside 16-30 pixels at target
 * volume 25; a run is unstable once more than 12 of 64 cells are) with the preset: volumes outside
 * [0.64, 1.2] x target, and more than floor(12 / 64 x cells) unstable cells. The preset is the one
 * whose lattice side matches the data; for other data the cell count is the largest id in the test
 * split and the target volume 25.
 */
final class CellularEvaluator implements DomainEvaluator {

    /** The metrics for data of any preset: thresholds are chosen from the data when evaluating. */
    static final DomainEvaluator FOR_ANY_PRESET = new DomainEvaluator() {
        @Override
        public Map<String, Object> evaluate(EvaluationContext context) {
            return forData(required(context, "test")).evaluate(context);
        }

        @Override
        public List<Metric> metrics() {
            return METRICS;
        }
    };

    /** The metrics {@link #evaluate} reports. */
    static final List<Metric> METRICS = List.of(
            Metric.scalar("testNegativeElbo", "nats per transition", "teacher-forced negative ELBO on the test split")
                    .lowerIsBetter(),
            Metric.text("clusterKsNote", "how the KS steps were clamped to short trajectories").asOptional(),
            Metric.perStep("clusterKs.statistic", "", null, "two-sample KS statistic D of the number of same-type "
                    + "clusters, model rollouts against test_same_init (0: the same distribution)")
                    .range(Range.UNIT_INTERVAL).lowerIsBetter().figure("ks-clusterks-statistic"),
            Metric.perStep("clusterKs.pValue", "", null, "p-value of the KS test of the cluster counts")
                    .range(Range.UNIT_INTERVAL),
            Metric.perStep("clusterKs.modelMeanClusters", "clusters", null, "mean number of same-type clusters in the "
                    + "model's rollouts").range(Range.NON_NEGATIVE).closerTo("clusterKs.dataMeanClusters"),
            Metric.perStep("clusterKs.dataMeanClusters", "clusters", null, "mean number of same-type clusters in the data")
                    .range(Range.NON_NEGATIVE),
            Metric.scalar("stabilityThresholds.minVolume", "pixels", "the smallest volume of a stable cell")
                    .range(Range.NON_NEGATIVE),
            Metric.scalar("stabilityThresholds.maxVolume", "pixels", "the largest volume of a stable cell")
                    .range(Range.NON_NEGATIVE),
            Metric.scalar("stabilityThresholds.maxUnstableCells", "cells", "the most unstable cells a stable run has")
                    .range(Range.NON_NEGATIVE),
            Metric.curve("fractionStable", "fraction of runs", "fraction of the rollouts from the test starts that are "
                    + "still volume-stable at each step").range(Range.UNIT_INTERVAL).higherIsBetter()
                    .reference("dataFractionStable").figure("stability"),
            Metric.curve("dataFractionStable", "fraction of runs", "fraction of the test trajectories volume-stable at "
                    + "each step").range(Range.UNIT_INTERVAL),
            Metric.scalar("modelMeanCellSpeed", "pixels per step", "mean path length of cell centres per step in the "
                    + "model's rollouts (mostly lattice jitter)").range(Range.NON_NEGATIVE).closerTo("dataMeanCellSpeed"),
            Metric.scalar("dataMeanCellSpeed", "pixels per step", "mean path length of cell centres per step in the data")
                    .range(Range.NON_NEGATIVE),
            Metric.text("displacementNote", "how the displacement steps were clamped, or why they are undefined")
                    .asOptional(),
            Metric.scalar("netDisplacementModel" + Metric.STEP, "pixels", "mean net displacement of cell centres from "
                    + "the start at the step in the name, model rollouts").range(Range.NON_NEGATIVE)
                    .closerTo("netDisplacementData" + Metric.STEP),
            Metric.scalar("netDisplacementData" + Metric.STEP, "pixels", "mean net displacement of cell centres from "
                    + "the start at the step in the name, the data").range(Range.NON_NEGATIVE),
            Metric.scalar("msdModel" + Metric.STEP, "pixels²", "mean squared displacement of cell centres from the "
                    + "start at the step in the name, model rollouts").range(Range.NON_NEGATIVE)
                    .closerTo("msdData" + Metric.STEP),
            Metric.scalar("msdData" + Metric.STEP, "pixels²", "mean squared displacement of cell centres from the "
                    + "start at the step in the name, the data").range(Range.NON_NEGATIVE),
            Metric.curve("displacementMsdCurveModel", "pixels²", "mean squared displacement of cell centres from the "
                    + "start at each step, model rollouts").range(Range.NON_NEGATIVE)
                    .closerTo("displacementMsdCurveData").figure("msd"),
            Metric.curve("displacementMsdCurveData", "pixels²", "mean squared displacement of cell centres from the "
                    + "start at each step, the test trajectories the rollouts start from").range(Range.NON_NEGATIVE),
            Metric.scalar("displacementTrackedCellsModel", "cells", "cells present in every frame of the model's "
                    + "rollouts, which the displacements are taken over").range(Range.NON_NEGATIVE),
            Metric.scalar("displacementExcludedCellsModel", "cells", "cells left out of the model's displacements for "
                    + "missing from a frame").range(Range.NON_NEGATIVE),
            Metric.scalar("displacementTrackedCellsData", "cells", "cells present in every frame of the data")
                    .range(Range.NON_NEGATIVE),
            Metric.scalar("displacementExcludedCellsData", "cells", "cells left out of the data's displacements")
                    .range(Range.NON_NEGATIVE),
            Metric.scalar("oneStepStates", "states", "test states the one-step figures are taken from, "
                    + OneStep.SAMPLES + " steps each with z from the prior and from the posterior").range(Range.NON_NEGATIVE),
            Metric.scalar("oneStepChangedSitesData", "", "fraction of sites whose id changes in one true step")
                    .range(Range.UNIT_INTERVAL),
            Metric.scalar("oneStepChangedSitesPrior", "", "fraction of sites whose id one model step changes, z from "
                    + "the prior (as in rollouts)").range(Range.UNIT_INTERVAL).closerTo("oneStepChangedSitesData"),
            Metric.scalar("oneStepChangedSitesPosterior", "", "fraction of sites whose id one model step changes, z "
                    + "from the posterior given the true next state").range(Range.UNIT_INTERVAL)
                    .closerTo("oneStepChangedSitesData"),
            Metric.scalar("oneStepMotionAccuracyPrior", "", "fraction of the truly changed sites that one model step "
                    + "gets right, z from the prior").range(Range.UNIT_INTERVAL).higherIsBetter(),
            Metric.scalar("oneStepMotionAccuracyPosterior", "", "fraction of the truly changed sites that one model "
                    + "step gets right, z from the posterior").range(Range.UNIT_INTERVAL).higherIsBetter(),
            Metric.scalar("oneStepMsdData", "pixels²", "mean squared displacement of cell centres in one true step")
                    .range(Range.NON_NEGATIVE),
            Metric.scalar("oneStepMsdPrior", "pixels²", "mean squared displacement of cell centres in one model step, "
                    + "z from the prior").range(Range.NON_NEGATIVE).closerTo("oneStepMsdData"),
            Metric.scalar("oneStepMsdPosterior", "pixels²", "mean squared displacement of cell centres in one model "
                    + "step, z from the posterior").range(Range.NON_NEGATIVE).closerTo("oneStepMsdData"),
            Metric.scalar("oneStepCentreErrorPrior", "pixels²", "mean squared distance of the model's cell centres "
                    + "from the true ones after one step, z from the prior (copying the input scores oneStepMsdData)")
                    .range(Range.NON_NEGATIVE).lowerIsBetter(),
            Metric.scalar("oneStepCentreErrorPosterior", "pixels²", "mean squared distance of the model's cell "
                    + "centres from the true ones after one step, z from the posterior: below oneStepMsdData when "
                    + "the latent carries the cells' motion").range(Range.NON_NEGATIVE).lowerIsBetter(),
            Metric.scalar("oneStepVolumeChangeData", "sites", "mean change of a cell's volume in one true step "
                    + "(cells present in the start)"),
            Metric.scalar("oneStepVolumeChangePrior", "sites", "mean change of a cell's volume in one model step, z "
                    + "from the prior: below the data's, rollouts shrink their cells step by step")
                    .closerTo("oneStepVolumeChangeData"),
            Metric.scalar("oneStepVolumeChangePosterior", "sites", "mean change of a cell's volume in one model step, "
                    + "z from the posterior").closerTo("oneStepVolumeChangeData"));

    /** The reference's KS times in model steps. */
    static final int[] KS_STEPS = {15, 30, 45};

    /** The steps from the start at which net displacement and MSD are reported. */
    static final int[] DISPLACEMENT_STEPS = {10, 20, 40};

    private final int cells;
    private final double minVolume;
    private final double maxVolume;
    private final int maxUnstable;

    CellularEvaluator(int cells, double targetVolume) {
        this.cells = cells;
        this.minVolume = 16.0 / 25.0 * targetVolume;
        this.maxVolume = 30.0 / 25.0 * targetVolume;
        this.maxUnstable = (int) Math.floor(12.0 / 64.0 * cells);
    }

    /** The evaluator for the preset whose lattice matches the data, else for the largest id present. */
    static CellularEvaluator forData(List<Trajectory> test) {
        long side = test.get(0).frameShape()[0];
        for (CellularPreset p : CellularPreset.ALL) {
            if (p.cpm().size() == side) {
                return new CellularEvaluator(p.cpm().cells(), p.cpm().targetVolume());
            }
        }
        int maxId = 0;
        for (Trajectory t : test) {
            float[] f = t.frame(0);
            for (int i = 0; i < f.length; i += 2) {
                maxId = Math.max(maxId, (int) f[i]);
            }
        }
        return new CellularEvaluator(maxId, 25);
    }

    @Override
    public List<Metric> metrics() {
        return METRICS;
    }

    @Override
    public Map<String, Object> evaluate(EvaluationContext context) {
        List<Trajectory> test = required(context, "test");
        List<Trajectory> sameInit = required(context, "test_same_init");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("testNegativeElbo", context.negativeElbo("test"));

        int steps = sameInit.stream().mapToInt(Trajectory::length).min().orElseThrow() - 1;
        List<Trajectory> rollouts = context.rollouts(sameInit.get(0), 0, steps, sameInit.size());
        out.putAll(clusterTests(frames(rollouts), frames(sameInit), steps));

        int stabilitySteps = test.stream().mapToInt(Trajectory::length).min().orElseThrow() - 1;
        List<List<float[]>> runs = new ArrayList<>();
        for (Trajectory t : test) {
            runs.add(frames(context.rollouts(t, 0, stabilitySteps, 1).get(0)));
        }
        out.put("stabilityThresholds", Map.of("minVolume", minVolume, "maxVolume", maxVolume,
                "maxUnstableCells", maxUnstable));
        out.put("fractionStable", fractionStable(runs));
        out.put("dataFractionStable", fractionStable(test.stream().map(CellularEvaluator::frames).toList()));
        List<List<float[]>> data = frames(test);
        out.put("modelMeanCellSpeed", meanSpeed(runs));
        out.put("dataMeanCellSpeed", meanSpeed(data));
        out.putAll(displacementMetrics(runs, data));
        // Last, so that the rollouts above draw the same streams as before these figures existed.
        out.putAll(OneStep.evaluate(context, test, cells));
        return out;
    }

    private static List<Trajectory> required(EvaluationContext context, String split) {
        List<Trajectory> data = context.split(split);
        if (data.isEmpty()) {
            throw new IllegalArgumentException("the cellular metrics need the '" + split
                    + "' split, which the data folder lacks; generate the data set with 'epns generate cellular'");
        }
        return data;
    }

    /** KS statistics and p-values of the cluster counts at the KS steps, clamped to {@code steps}. */
    Map<String, Object> clusterTests(List<List<float[]>> model, List<List<float[]>> truth, int steps) {
        Map<String, Object> out = new LinkedHashMap<>();
        int[] used = Arrays.stream(KS_STEPS).map(s -> Math.min(s, steps)).distinct().toArray();
        if (Arrays.stream(KS_STEPS).anyMatch(s -> s > steps)) {
            out.put("clusterKsNote", "trajectories have " + steps + " model steps: KS steps "
                    + Arrays.toString(KS_STEPS) + " clamped to " + Arrays.toString(used));
        }
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest(1L);
        List<Object> tests = new ArrayList<>();
        for (int step : used) {
            double[] a = clusters(model, step);
            double[] b = clusters(truth, step);
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("step", step);
            double d = ks.kolmogorovSmirnovStatistic(a, b);
            t.put("statistic", d);
            t.put("pValue", pValue(ks, d, a.length, b.length));
            t.put("modelMeanClusters", Arrays.stream(a).average().orElse(Double.NaN));
            t.put("dataMeanClusters", Arrays.stream(b).average().orElse(Double.NaN));
            tests.add(t);
        }
        out.put("clusterKs", tests);
        return out;
    }

    /**
     * P(D >= d) for the statistic of the samples as they are. Hipparchus's own two-sample p-value
     * breaks ties by random jitter first, which for integer cluster counts (mostly ties) changes
     * the statistic itself; the exact distribution is used up to 10,000 sample pairs, the asymptotic
     * one beyond, as Hipparchus does. (Hipparchus's exact tail returns 0 at d = 1 itself, so d is
     * taken a hair below 1 there.)
     */
    static double pValue(KolmogorovSmirnovTest ks, double d, int n, int m) {
        double below = Math.min(d, 1 - 1e-9);
        return (long) n * m < 10_000 ? ks.exactP(below, n, m, false) : ks.approximateP(below, n, m);
    }

    private static double[] clusters(List<List<float[]>> runs, int step) {
        return runs.stream().mapToDouble(r -> CellMetrics.sameTypeClusters(r.get(step))).toArray();
    }

    /** Per step, the fraction of runs that have not yet had more than {@code maxUnstable} unstable cells. */
    List<Double> fractionStable(List<List<float[]>> runs) {
        int length = runs.stream().mapToInt(List::size).min().orElse(0);
        int[] stable = new int[length];
        for (List<float[]> run : runs) {
            for (int t = 0; t < length; t++) {
                if (CellMetrics.cellsOutside(run.get(t), cells, minVolume, maxVolume) > maxUnstable) {
                    break;
                }
                stable[t]++;
            }
        }
        List<Double> out = new ArrayList<>();
        for (int s : stable) {
            out.add(runs.isEmpty() ? Double.NaN : s / (double) runs.size());
        }
        return out;
    }

    /**
     * Net displacement and mean squared displacement of cell centres from the start, model rollouts
     * against the data trajectories they start from, at the displacement steps (clamped to the
     * trajectories' length, as the KS steps are), and the MSD at every step as curves. A cell absent
     * from any frame of a trajectory is left out of that trajectory's figures; how many were left out
     * is reported.
     */
    Map<String, Object> displacementMetrics(List<List<float[]>> model, List<List<float[]>> data) {
        CellMetrics.Displacement m = CellMetrics.Displacement.of(model, cells);
        CellMetrics.Displacement d = CellMetrics.Displacement.of(data, cells);
        int steps = Math.min(m.meanNet().length, d.meanNet().length) - 1;
        int[] used = Arrays.stream(DISPLACEMENT_STEPS).map(s -> Math.min(s, steps)).distinct().toArray();
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        if (Arrays.stream(DISPLACEMENT_STEPS).anyMatch(s -> s > steps)) {
            notes.add("trajectories have " + steps + " model steps: displacement steps "
                    + Arrays.toString(DISPLACEMENT_STEPS) + " clamped to " + Arrays.toString(used));
        }
        if (m.trackedCells() == 0) {
            notes.add("no cell of the model's rollouts is present in every frame: its displacements are undefined");
        }
        if (!notes.isEmpty()) {
            out.put("displacementNote", String.join("; ", notes));
        }
        for (int step : used) {
            out.put("netDisplacementModel" + step, m.meanNet()[step]);
            out.put("netDisplacementData" + step, d.meanNet()[step]);
        }
        for (int step : used) {
            out.put("msdModel" + step, m.meanSquared()[step]);
            out.put("msdData" + step, d.meanSquared()[step]);
        }
        out.put("displacementMsdCurveModel", curve(m.meanSquared(), steps));
        out.put("displacementMsdCurveData", curve(d.meanSquared(), steps));
        out.put("displacementTrackedCellsModel", m.trackedCells());
        out.put("displacementExcludedCellsModel", m.excludedCells());
        out.put("displacementTrackedCellsData", d.trackedCells());
        out.put("displacementExcludedCellsData", d.excludedCells());
        return out;
    }

    private static List<Double> curve(double[] values, int steps) {
        return Arrays.stream(values, 0, steps + 1).boxed().toList();
    }

    private double meanSpeed(List<List<float[]>> runs) {
        return runs.stream().mapToDouble(r -> CellMetrics.meanSpeed(r, cells)).filter(v -> !Double.isNaN(v)).average()
                .orElse(Double.NaN);
    }

    static List<float[]> frames(Trajectory t) {
        List<float[]> out = new ArrayList<>(t.length());
        for (int i = 0; i < t.length(); i++) {
            out.add(t.frame(i));
        }
        return out;
    }

    private static List<List<float[]>> frames(List<Trajectory> ts) {
        return ts.stream().map(CellularEvaluator::frames).toList();
    }

    /**
     * One model step from {@link #STARTS} test states spread over the split, {@link #SAMPLES} times
     * with z from the prior and as often from the posterior given the true next state, against the
     * true step: the fraction of sites whose id changes, the fraction of the truly changed sites
     * right, the mean squared displacement of cell centres and the mean squared distance of the
     * predicted centres from the true ones (over the cells present in the start, the truth and the
     * prediction), and the mean change of a cell's volume (over the cells present in the start): an
     * argmax readout gives away every boundary site a cell keeps with a probability below one half, and
     * a step that loses volume on average empties cells over a rollout. With an argmax readout all of a
     * rollout's motion must come from z: a posterior step that moves the cells where the truth did
     * (centre error well below the true MSD) while the prior's steps barely move them says the prior's
     * draws miss the posterior's; a posterior step that does not move them says the latent does not
     * carry the motion.
     */
    static final class OneStep {

        static final int STARTS = 64;
        static final int SAMPLES = 4;

        private OneStep() {}

        /**
         * A true step from a test state, with the cell centres of both frames and the start's volumes,
         * computed once for every draw.
         */
        private record Transition(float[] start, float[] next, int cells, int side, double[][] startCentres,
                double[][] nextCentres, int[] startVolumes) {

            static Transition of(float[] start, float[] next, int cells) {
                return new Transition(start, next, cells, CellMetrics.side(start), CellMetrics.centres(start, cells),
                        CellMetrics.centres(next, cells), CellMetrics.volumes(start, cells));
            }
        }

        /** Sums of one kind of step: sites, changed sites, right changed sites, squared displacements and errors. */
        private static final class Sums {
            double sites;
            double changed;
            double truthChanged;
            double rightChanged;
            double squaredDisplacement;
            double squaredError;
            int centres;
            double volumeChange;
            int volumeCells;

            void add(Transition truth, float[] step) {
                float[] start = truth.start();
                float[] next = truth.next();
                for (int i = 0; i < start.length; i += 2) {
                    sites++;
                    if (step[i] != start[i]) {
                        changed++;
                    }
                    if (next[i] != start[i]) {
                        truthChanged++;
                        if (step[i] == next[i]) {
                            rightChanged++;
                        }
                    }
                }
                int[] before = truth.startVolumes();
                int[] after = CellMetrics.volumes(step, truth.cells());
                for (int id = 1; id < before.length; id++) {
                    if (before[id] > 0) {
                        volumeChange += after[id] - before[id];
                        volumeCells++;
                    }
                }
                double[][] a = truth.startCentres();
                // The data's own row passes the true frame itself: its centres are known.
                double[][] b = step == next ? truth.nextCentres() : CellMetrics.centres(step, truth.cells());
                double[][] t = truth.nextCentres();
                for (int id = 1; id < a.length; id++) {
                    if (Double.isNaN(a[id][0]) || Double.isNaN(b[id][0]) || Double.isNaN(t[id][0])) {
                        continue;
                    }
                    squaredDisplacement += squaredDistance(a[id], b[id], truth.side());
                    squaredError += squaredDistance(b[id], t[id], truth.side());
                    centres++;
                }
            }

            double fraction(double count) {
                return sites == 0 ? Double.NaN : count / sites;
            }

            double motionAccuracy() {
                return truthChanged == 0 ? Double.NaN : rightChanged / truthChanged;
            }

            double perCentre(double sum) {
                return centres == 0 ? Double.NaN : sum / centres;
            }

            double perCell(double sum) {
                return volumeCells == 0 ? Double.NaN : sum / volumeCells;
            }
        }

        static Map<String, Object> evaluate(EvaluationContext context, List<Trajectory> test, int cells) {
            Sums data = new Sums();
            Sums prior = new Sums();
            Sums posterior = new Sums();
            int states = 0;
            for (int i = 0; i < STARTS; i++) {
                Trajectory t = test.get(i % test.size());
                int usable = t.length() - 1;
                if (usable < 1) {
                    continue;
                }
                int frame = (int) (i * 104729L % usable);
                Transition truth = Transition.of(t.frame(frame), t.frame(frame + 1), cells);
                data.add(truth, truth.next());
                for (Trajectory r : context.rollouts(t, frame, 1, SAMPLES)) {
                    prior.add(truth, r.frame(1));
                }
                for (Trajectory r : context.posteriorSteps(t, frame, SAMPLES)) {
                    posterior.add(truth, r.frame(1));
                }
                states++;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("oneStepStates", states);
            out.put("oneStepChangedSitesData", data.fraction(data.changed));
            out.put("oneStepChangedSitesPrior", prior.fraction(prior.changed));
            out.put("oneStepChangedSitesPosterior", posterior.fraction(posterior.changed));
            out.put("oneStepMotionAccuracyPrior", prior.motionAccuracy());
            out.put("oneStepMotionAccuracyPosterior", posterior.motionAccuracy());
            out.put("oneStepMsdData", data.perCentre(data.squaredDisplacement));
            out.put("oneStepMsdPrior", prior.perCentre(prior.squaredDisplacement));
            out.put("oneStepMsdPosterior", posterior.perCentre(posterior.squaredDisplacement));
            out.put("oneStepCentreErrorPrior", prior.perCentre(prior.squaredError));
            out.put("oneStepCentreErrorPosterior", posterior.perCentre(posterior.squaredError));
            out.put("oneStepVolumeChangeData", data.perCell(data.volumeChange));
            out.put("oneStepVolumeChangePrior", prior.perCell(prior.volumeChange));
            out.put("oneStepVolumeChangePosterior", posterior.perCell(posterior.volumeChange));
            return out;
        }

        private static double squaredDistance(double[] a, double[] b, int n) {
            double dr = CellMetrics.minimumImage(b[0] - a[0], n);
            double dc = CellMetrics.minimumImage(b[1] - a[1], n);
            return dr * dr + dc * dc;
        }
    }
}
