package org.epnsj.harness;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The figures an experiment's report draws from something other than the evaluator's declared
 * metrics. A study's other figure names select figures the domain's evaluator declares.
 */
public enum FigureKind {
    /** Each table metric (per-step ones averaged over their steps) against the training-set size. */
    DATA_EFFICIENCY("data-efficiency"),
    /** Frames of cell-grid trajectories and rollouts from one start, and GIFs: needs rollouts kept by the harness. */
    CELL_FRAMES("cell-frames"),
    /**
     * Snapshots of particles in the plane, trajectories and rollouts from one start, each centred on its
     * swarm, and GIFs: needs rollouts kept by the harness.
     */
    SWARM_FRAMES("swarm-frames"),
    /** Each arm's training curves and latent diagnostics, from the run folders' {@code metrics.jsonl}. */
    TRAINING("training");

    /** The names, as experiment files write them. */
    public static final List<String> NAMES = Arrays.stream(values()).map(FigureKind::configName).toList();

    private final String configName;

    FigureKind(String configName) {
        this.configName = configName;
    }

    /** The name in experiment files. */
    public String configName() {
        return configName;
    }

    /** The kind of that name, if it is one. */
    public static Optional<FigureKind> named(String name) {
        return Arrays.stream(values()).filter(k -> k.configName.equals(name)).findFirst();
    }
}
