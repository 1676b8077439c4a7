package org.example.epns.hexdrift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.DatasetPreset;
import org.epnsj.api.data.GroundTruthSimulator;
import org.epnsj.api.data.SplitSpec;
import org.epnsj.api.data.TrajectoryCodec;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.group.TrivialAction;
import org.epnsj.api.model.Readout;
import org.epnsj.api.spi.DomainEvaluator;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.spi.ModelDescription;
import org.epnsj.api.state.Boundary;
import org.epnsj.api.state.Channel;
import org.epnsj.api.state.ChannelRole;
import org.epnsj.api.state.StateSchema;
import org.epnsj.api.training.AdamSettings;
import org.epnsj.api.training.KlAnnealing;
import org.epnsj.api.training.MultiStepSchedule;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.api.training.TrainingStrategy;
import org.epnsj.runtime.io.NpyTrajectoryCodec;
import org.example.epns.c6.C6Group;
import org.example.epns.c6.C6SymmetryProvider;
import org.example.epns.c6.PlanarTurnAction;

/**
 * The {@code hex-drift} domain: one particle in a six-fold force field ({@link HexDriftSimulator}),
 * acted on by C6. Files are (T, 2) float32 {@code .npy} arrays, one trajectory per file. Registered
 * in {@code META-INF/services/org.epnsj.api.spi.DomainProvider}.
 */
public final class HexDriftDomain implements DomainProvider {

    /** The domain's id. */
    public static final String ID = "hex-drift";

    private static final StateSchema SCHEMA = new StateSchema("planar particle", new long[] {2},
            List.of(new Channel("position", 2, ChannelRole.DYNAMIC)), Boundary.OPEN);

    // The group comes from the symmetry plugin's provider, at the parameters this domain needs.
    private final C6Group group = new C6SymmetryProvider().group();
    private final HexDriftSimulator simulator = new HexDriftSimulator(0.1, 2.0, 0.4, 0.5);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "a particle drawn into six wells on a ring, with noise (C6)";
    }

    @Override
    public String symmetryId() {
        return C6Group.ID;
    }

    @Override
    public StateSchema schema() {
        return SCHEMA;
    }

    @Override
    public GroupAction<?> stateAction() {
        return new PlanarTurnAction(group, "planar particle");
    }

    @Override
    public List<String> presets() {
        return List.of("tiny", "cpu");
    }

    @Override
    public DatasetPreset datasetPreset(String preset) {
        Map<String, SplitSpec> splits = new LinkedHashMap<>();
        switch (requirePreset(preset)) {
            case "tiny" -> {
                splits.put("train", new SplitSpec(32, 32, false));
                splits.put("val", new SplitSpec(8, 32, false));
                splits.put("test", new SplitSpec(16, 32, false));
            }
            case "cpu" -> {
                splits.put("train", new SplitSpec(256, 64, false));
                splits.put("val", new SplitSpec(32, 64, false));
                splits.put("test", new SplitSpec(64, 64, false));
            }
            default -> throw new IllegalStateException("preset '" + preset + "' is listed but has no splits");
        }
        return new DatasetPreset(preset, splits);
    }

    @Override
    public GroundTruthSimulator simulator(String preset) {
        requirePreset(preset);
        return simulator;
    }

    @Override
    public TrajectoryCodec codec() {
        return NpyTrajectoryCodec.timeMajor(2);
    }

    /**
     * One model, described once: how to build it, that it claims every kind of symmetry C6 has (the
     * default), that its latent turns with the state (the architecture's rule for an equivariant
     * per-node latent, so no latent action is given) and how the group acts on h = F(x), which lets
     * the kit check the forward model on its own.
     */
    @Override
    public List<ModelDescription> modelDescriptions() {
        return List.of(ModelDescription.builder(HexDriftModel.NAME, (preset, context) -> new HexDriftModel(context, 32, 2))
                .description("EPNS made exactly C6-equivariant by averaging each network over the six turns")
                .hiddenActions(List.of(new TrivialAction<>(group, "invariant features"), stateAction()))
                .trainingConfig(HexDriftDomain::training)
                .build());
    }

    /** The training settings at a preset (one-step training, the rollouts sample the decoder). */
    static TrainingConfig training(String preset) {
        boolean tiny = "tiny".equals(preset);
        return new TrainingConfig(tiny ? 10 : 60, 64, tiny ? 8 : 16, 1, new AdamSettings(1e-3, 0, 0.9, 0.999, 1e-8),
                KlAnnealing.constant(1.0), 0.0, TrainingStrategy.ONE_STEP, MultiStepSchedule.PAPER, Readout.MEAN,
                Readout.SAMPLE, 1L);
    }

    @Override
    public DomainEvaluator evaluator() {
        return new HexDriftEvaluator(simulator);
    }
}
