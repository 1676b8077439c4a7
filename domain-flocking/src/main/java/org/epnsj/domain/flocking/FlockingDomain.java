package org.epnsj.domain.flocking;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.epnsj.api.data.DatasetPreset;
import org.epnsj.api.data.GroundTruthSimulator;
import org.epnsj.api.data.TrajectoryCodec;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.group.SymmetryKind;
import org.epnsj.api.model.Readout;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.DomainEvaluator;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.api.state.Boundary;
import org.epnsj.api.state.Channel;
import org.epnsj.api.state.ChannelRole;
import org.epnsj.api.state.StateSchema;
import org.epnsj.api.training.AdamSettings;
import org.epnsj.api.training.KlAnnealing;
import org.epnsj.api.training.MultiStepSchedule;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.api.training.TrainingStrategy;
import org.epnsj.domain.flocking.model.EgnnModel;
import org.epnsj.domain.flocking.model.FlockModelSize;
import org.epnsj.domain.flocking.model.PnsGnnModel;
import org.epnsj.symmetry.e2.E2xSnGroup;
import org.epnsj.symmetry.e2.ParticlePermutationAction;
import org.epnsj.symmetry.e2.PlanarParticleAction;

/**
 * The flocking plugin: self-propelled particles in free 2-D space ({@link FlockingSimulator}), acted on
 * by E(2) × S_N. Models: {@code epns} (an EGNN-style E(2)-equivariant graph network, per-particle
 * latents) and {@code pns-gnn} (a graph network on absolute coordinates). This class is the module's
 * whole contact with the plugin SPI.
 */
public final class FlockingDomain implements DomainProvider {

    /** The domain's id. */
    public static final String ID = "flocking";
    /** Model step in frames: 0.5 time units. */
    public static final int STRIDE = 5;

    /** EPNS with the equivariant graph network. */
    public static final String EPNS = "epns";
    /** The graph-network baseline on absolute coordinates. */
    public static final String PNS_GNN = "pns-gnn";

    private static final List<String> MODELS = List.of(EPNS, PNS_GNN);
    private static final List<String> PRESETS = List.of("tiny", "cpu", "paper");

    private static final StateSchema SCHEMA = new StateSchema("particles", new long[] {-1, FlockingSimulator.CHANNELS},
            List.of(new Channel("position", 2, ChannelRole.DYNAMIC), new Channel("velocity", 2, ChannelRole.DYNAMIC)),
            Boundary.OPEN);

    /**
     * The group of the state action. Its samples permute the particles of the smallest preset; every
     * element acts on any larger flock too.
     */
    private final E2xSnGroup group = new E2xSnGroup(FlockingPresets.particles("tiny"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public String description() {
        return "self-propelled particles flocking in 2-D (E(2) x S_N): EPNS with an equivariant graph network, PNS-GNN";
    }

    @Override
    public String symmetryId() {
        return E2xSnGroup.ID;
    }

    @Override
    public StateSchema schema() {
        return SCHEMA;
    }

    @Override
    public GroupAction<?> stateAction() {
        return PlanarParticleAction.positionsAndVelocities(group, "flock state");
    }

    @Override
    public List<String> presets() {
        return PRESETS;
    }

    private static String checkPreset(String preset) {
        if (!PRESETS.contains(preset)) {
            throw new IllegalArgumentException("domain '" + ID + "' has no preset '" + preset + "'; presets: " + PRESETS);
        }
        return preset;
    }

    private static String checkModel(String model) {
        if (!MODELS.contains(model)) {
            throw new IllegalArgumentException("domain '" + ID + "' has no model '" + model + "'; models: " + MODELS);
        }
        return model;
    }

    @Override
    public DatasetPreset datasetPreset(String preset) {
        return switch (checkPreset(preset)) {
            case "tiny" -> FlockingPresets.tiny();
            case "cpu" -> FlockingPresets.cpu();
            default -> FlockingPresets.paper();
        };
    }

    /** The physics of every preset, at the preset's particle count. */
    public static FlockingConfig physics(String preset) {
        return FlockingConfig.standard(FlockingPresets.particles(checkPreset(preset)));
    }

    @Override
    public GroundTruthSimulator simulator(String preset) {
        return new FlockingSimulator(physics(preset));
    }

    @Override
    public TrajectoryCodec codec() {
        return FlockingPresets.codec();
    }

    @Override
    public List<String> models() {
        return MODELS;
    }

    /** The sizes of a model at a preset (the same for both models, so they differ only in symmetry). */
    public static FlockModelSize size(String model, String preset) {
        checkModel(model);
        return switch (checkPreset(preset)) {
            case "tiny" -> new FlockModelSize(8, 1, 1, 1, 2);
            case "cpu" -> new FlockModelSize(32, 2, 2, 2, 4);
            default -> new FlockModelSize(128, 4, 4, 3, 16);
        };
    }

    /** The time one model step spans. */
    public static double stepTime(String preset) {
        return STRIDE * physics(preset).frameInterval();
    }

    @Override
    public TransitionModel createModel(String model, String preset, ModelContext context) {
        FlockModelSize size = size(model, preset);
        return switch (model) {
            case EPNS -> new EgnnModel(model, context, size, stepTime(preset));
            default -> new PnsGnnModel(model, context, size, stepTime(preset));
        };
    }

    /** EPNS claims all of E(2) × S_N; PNS-GNN, which reads absolute coordinates, permutations only. */
    @Override
    public Set<SymmetryKind> symmetries(String model) {
        return switch (checkModel(model)) {
            case PNS_GNN -> EnumSet.of(SymmetryKind.PERMUTATIONS);
            default -> EnumSet.allOf(SymmetryKind.class);
        };
    }

    /** Per-particle latents are invariant features of their particle: they only move with it. */
    @Override
    public Optional<GroupAction<?>> latentAction(String model) {
        checkModel(model);
        return Optional.of(new ParticlePermutationAction(group, "latent"));
    }

    /**
     * h = (node features, state) for EPNS and (node features, encoder embedding, state) for PNS-GNN:
     * the features move with their particle, the state transforms as a state.
     */
    @Override
    public Optional<List<GroupAction<?>>> hiddenActions(String model) {
        GroupAction<?> features = new ParticlePermutationAction(group, "node features");
        return Optional.of(switch (checkModel(model)) {
            case EPNS -> List.of(features, stateAction());
            default -> List.of(features, new ParticlePermutationAction(group, "embedding"), stateAction());
        });
    }

    @Override
    public TrainingConfig trainingConfig(String model, String preset) {
        checkModel(model);
        return switch (checkPreset(preset)) {
            // Spec §7 as for n-body: Adam 1e-4 with coupled L2 1e-4, beta rising over the run, multi-step.
            case "paper" -> new TrainingConfig(200, 64, 40, STRIDE, new AdamSettings(1e-4, 1e-4, 0.9, 0.999, 1e-8),
                    KlAnnealing.LINEAR_OVER_RUN, 0.0, TrainingStrategy.MULTI_STEP, MultiStepSchedule.PAPER, Readout.MEAN,
                    Readout.MEAN, 1L);
            // The n-body cpu recipe (one-step, a 10x larger learning rate than the paper's decaying to a
            // tenth) for about an hour of one core: 300 epochs of 96 samples per trajectory at batch 32
            // (57,600 optimiser steps; docs/architecture.md has the measured time per epoch).
            case "cpu" -> new TrainingConfig(300, 32, 96, STRIDE, new AdamSettings(1e-3, 1e-4, 0.9, 0.999, 1e-8, 0.1),
                    KlAnnealing.LINEAR_OVER_RUN, 0.0, TrainingStrategy.ONE_STEP, new MultiStepSchedule(240, 180, 20, 1.0 / 3),
                    Readout.MEAN, Readout.MEAN, 1L);
            default -> new TrainingConfig(4, 16, 8, STRIDE, new AdamSettings(1e-3, 1e-4, 0.9, 0.999, 1e-8),
                    KlAnnealing.LINEAR_OVER_RUN, 0.0, TrainingStrategy.MULTI_STEP, new MultiStepSchedule(1, 0, 1, 1.0 / 3),
                    Readout.MEAN, Readout.MEAN, 1L);
        };
    }

    @Override
    public DomainEvaluator evaluator() {
        return new FlockingEvaluator();
    }
}
