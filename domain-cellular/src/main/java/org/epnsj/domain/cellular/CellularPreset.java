package org.epnsj.domain.cellular;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.DatasetPreset;
import org.epnsj.api.data.SplitSpec;
import org.epnsj.api.training.MultiStepSchedule;

/**
 * A size of the cellular domain: the simulator's parameters, the data-set splits and the model sizes.
 *
 * @param name the preset's name
 * @param cpm the Cellular Potts parameters
 * @param frames frames per trajectory (after the dropped leading frame of the file layout)
 * @param splits trajectory counts of the splits
 * @param epns the EPNS sizes
 * @param pns the PNS sizes
 * @param training the training budget
 */
record CellularPreset(String name, CpmParameters cpm, int frames, Splits splits, EpnsSize epns, PnsSize pns,
        Budget training) {

    /** The presets, smallest first (the conformance kit checks the first). */
    static final List<CellularPreset> ALL = List.of(
            new CellularPreset("tiny", CpmParameters.tiny(), 12, new Splits(8, 2, 4, 4),
                    new EpnsSize(4, 3, 1, 3, 1, 3, 3, 1, 4), new PnsSize(4, 2, 1, 3, 4),
                    new Budget(3, 1, 2, 2, 1e-2, new MultiStepSchedule(0, 0, 1, 1.0 / 3.0))),
            // 46 frames so that the KS statistics at model steps 15, 30 and 45 all exist. 80 epochs of 8 samples
            // per trajectory at batch 4 (5,120 optimiser steps), one-step until epoch 48, then rollouts of 2, 3,
            // 4 and 5 steps (8 epochs each): about 1 h 45 min per EPNS run with a second training on the other
            // core of a 2-core machine. Learning rate 3e-3 falling to a tenth: over 512 one-step steps 1e-2 and
            // 3e-3 reached the same validation negative ELBO (321 and 323 nats), 1e-3 lagged (343), and the
            // lower of the two leaves more room over ten times the steps. EPNS width 16 with two convolutions
            // per edge and node network: against width 8 with one, the one seed tried reached a cluster-count
            // KS of 0.28-0.31 instead of 0.68-0.79 (three seeds) and kept 69 % of its rollouts stable instead of
            // 0-19 %, at about twice the time per step. Prior and posterior nets of two 3 x 3 convolutions
            // (averaged over the quarter turns): against pointwise ones, the posterior carries part of the
            // one-step motion, and over three seeds the cluster-count KS fell from 0.44 / 0.39 / 0.49 to
            // 0.15 / 0.14 / 0.29 and cells moved 2.06 pixels in 40 steps instead of 1.36, at about 1.4 times
            // the CPU time per step and 69 % of rollouts stable at step 45 instead of 88 %.
            new CellularPreset("cpu", CpmParameters.cpu(), 46, new Splits(32, 2, 16, 32),
                    new EpnsSize(16, 5, 2, 3, 2, 5, 3, 2, 16), new PnsSize(16, 3, 2, 5, 16),
                    new Budget(80, 8, 4, 8, 3e-3, new MultiStepSchedule(48, 40, 8, 1.0 / 3.0))),
            new CellularPreset("paper", CpmParameters.paper(), 60, new Splits(800, 100, 100, 100),
                    new EpnsSize(32, 9, 3, 5, 8, 11, 9, 4, 64), new PnsSize(128, 3, 4, 11, 64),
                    new Budget(180, 1, 8, 32, 1e-4, MultiStepSchedule.PAPER)));

    /** The preset of that name. */
    static CellularPreset named(String name) {
        return ALL.stream().filter(p -> p.name.equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "domain '" + CellularDomain.ID + "' has no preset '" + name + "'; presets: " + names()));
    }

    /** The preset names, smallest first. */
    static List<String> names() {
        return ALL.stream().map(CellularPreset::name).toList();
    }

    /** The data-set splits; test_same_init shares one initial state. */
    DatasetPreset dataset() {
        Map<String, SplitSpec> specs = new LinkedHashMap<>();
        specs.put("train", new SplitSpec(splits.train(), frames, false));
        specs.put("val", new SplitSpec(splits.val(), frames, false));
        specs.put("test", new SplitSpec(splits.test(), frames, false));
        specs.put("test_same_init", new SplitSpec(splits.sameInit(), frames, true));
        return new DatasetPreset(name, specs);
    }

    /**
     * How long and how fast a preset trains.
     *
     * @param epochs training epochs
     * @param samplesPerTrajectory training samples per trajectory and epoch
     * @param epnsBatch EPNS batch size
     * @param pnsBatch PNS batch size
     * @param learningRate Adam's first learning rate (the small presets fall linearly to a tenth of it)
     * @param multiStep the rollout-length schedule of multi-step training
     */
    record Budget(int epochs, int samplesPerTrajectory, int epnsBatch, int pnsBatch, double learningRate,
            MultiStepSchedule multiStep) {}

    /** Trajectories per split; {@code sameInit} is {@code test_same_init}, which shares one initial state. */
    record Splits(int train, int val, int test, int sameInit) {}
}
