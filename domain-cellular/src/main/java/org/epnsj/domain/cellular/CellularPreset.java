package org.epnsj.domain.cellular;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.DatasetPreset;
import org.epnsj.api.data.SplitSpec;

/**
 * A size of the cellular domain: the simulator's parameters, the data-set splits and the model sizes.
 *
 * @param name the preset's name
 * @param cpm the Cellular Potts parameters
 * @param frames frames per trajectory (after the dropped leading frame of the file layout)
 * @param splits trajectory counts of the splits
 * @param epns the EPNS sizes
 * @param pns the PNS sizes
 * @param epochs training epochs
 * @param epnsBatch EPNS batch size
 * @param pnsBatch PNS batch size
 * @param rolloutCap the multi-step schedule's cap as a fraction of a trajectory (the paper's 1/3)
 */
record CellularPreset(String name, CpmParameters cpm, int frames, Splits splits, EpnsSize epns, PnsSize pns,
        int epochs, int epnsBatch, int pnsBatch, double rolloutCap) {

    /** The presets, smallest first (the conformance kit checks the first). */
    static final List<CellularPreset> ALL = List.of(
            new CellularPreset("tiny", CpmParameters.tiny(), 12, new Splits(8, 2, 4, 4),
                    new EpnsSize(4, 3, 1, 3, 1, 3, 3, 1, 4), new PnsSize(4, 2, 1, 3, 4), 3, 2, 2, 1.0 / 3.0),
            // 46 frames so that the KS statistics at model steps 15, 30 and 45 all exist. Sized for 2 cores: a
            // training step of the EPNS (batch 4, four rotated copies of 4 x 17 node grids) takes 2-4 s, so an
            // epoch is 8 steps, validation 2 trajectories (90 transitions), multi-step rollouts are capped at 2
            // steps (45 x 0.05) and the whole run stays under 30 minutes. Its prior and posterior nets are
            // pointwise (kernel 1), which needs no rotation averaging.
            new CellularPreset("cpu", CpmParameters.cpu(), 46, new Splits(32, 2, 16, 32),
                    new EpnsSize(8, 5, 1, 3, 1, 5, 1, 2, 16), new PnsSize(16, 3, 2, 5, 16), 20, 4, 8, 0.05),
            new CellularPreset("paper", CpmParameters.paper(), 60, new Splits(800, 100, 100, 100),
                    new EpnsSize(32, 9, 3, 5, 8, 11, 9, 4, 64), new PnsSize(128, 3, 4, 11, 64), 180, 8, 32, 1.0 / 3.0));

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

    /** Trajectories per split; {@code sameInit} is {@code test_same_init}, which shares one initial state. */
    record Splits(int train, int val, int test, int sameInit) {}
}
