package org.epnsj.domain.flocking;

import java.util.EnumSet;
import java.util.List;
import org.epnsj.api.data.DatasetPreset;
import org.epnsj.api.data.GroundTruthSimulator;
import org.epnsj.api.data.TrajectoryCodec;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.group.SymmetryKind;
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
import org.epnsj.domain.flocking.model.EgnnModel;
import org.epnsj.domain.flocking.model.FlockModelSize;
import org.epnsj.domain.flocking.model.PnsGnnModel;
import org.epnsj.symmetry.e2.E2xSnGroup;
import org.epnsj.symmetry.e2.E2xSnParameters;
import org.epnsj.symmetry.e2.E2xSnSymmetryProvider;
import org.epnsj.symmetry.e2.ParticlePermutationAction;
import org.epnsj.symmetry.e2.PlanarParticleAction;

/**
 * The flocking plugin: self-propelled particles in free 2-D space ({@link FlockingSimulator}), acted on
 * by E(2) × S_N. Models: {@code epns} (an EGNN-style E(2)-equivariant graph network, per-particle
 * invariant latents), {@code epns-handed} (the same with a pseudo-scalar latent per particle that
 * turns it) and {@code pns-gnn} (a graph network on absolute coordinates). This class is the module's
 * whole contact with the plugin SPI.
 */
public final class FlockingDomain implements DomainProvider {

    /** The domain's id. */
    public static final String ID = "flocking";
    /** Model step in frames: 0.5 time units. */
    public static final int STRIDE = 5;

    /** EPNS with the equivariant graph network. */
    public static final String EPNS = "epns";
    /** EPNS whose last latent dimension per particle is a pseudo-scalar that turns it. */
    public static final String EPNS_HANDED = "epns-handed";
    /** The graph-network baseline on absolute coordinates. */
    public static final String PNS_GNN = "pns-gnn";
    /** Pseudo-scalar latent dimensions per particle of {@link #EPNS_HANDED}: one turn, left or right. */
    public static final int HANDED_LATENTS = 1;

    private static final List<String> PRESETS = List.of("tiny", "cpu", "paper");

    private static final StateSchema SCHEMA = new StateSchema("particles", new long[] {-1, FlockingSimulator.CHANNELS},
            List.of(new Channel("position", 2, ChannelRole.DYNAMIC), new Channel("velocity", 2, ChannelRole.DYNAMIC)),
            Boundary.OPEN);

    /**
     * The group of the state action, built by the symmetry plugin. Its samples permute the particles of
     * the smallest preset; every element acts on any larger flock too.
     */
    private final E2xSnGroup group = new E2xSnSymmetryProvider().group(
            new E2xSnParameters(FlockingPresets.particles("tiny")));
    private final List<ModelDescription> models = describeModels();

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
        return "self-propelled particles flocking in 2-D (E(2) x S_N): EPNS with an equivariant graph network (invariant or handed latents), PNS-GNN";
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

    @Override
    public DatasetPreset datasetPreset(String preset) {
        return switch (requirePreset(preset)) {
            case "tiny" -> FlockingPresets.tiny();
            case "cpu" -> FlockingPresets.cpu();
            default -> FlockingPresets.paper();
        };
    }

    /** The physics of every preset, at the preset's particle count. */
    public static FlockingConfig physics(String preset) {
        if (!PRESETS.contains(preset)) {
            throw new IllegalArgumentException("domain '" + ID + "' has no preset '" + preset + "'; presets: " + PRESETS);
        }
        return FlockingConfig.standard(FlockingPresets.particles(preset));
    }

    @Override
    public GroundTruthSimulator simulator(String preset) {
        return new FlockingSimulator(physics(requirePreset(preset)));
    }

    @Override
    public TrajectoryCodec codec() {
        return FlockingPresets.codec();
    }

    @Override
    public List<ModelDescription> modelDescriptions() {
        return models;
    }

    /**
     * EPNS claims all of E(2) × S_N; PNS-GNN, which reads absolute coordinates, permutations only.
     * Per-particle latents are invariant features of their particle: they only move with it; the handed
     * model's last one is a pseudo-scalar, which a reflection also turns over. h is
     * (node features, state) for EPNS and (node features, encoder embedding, state) for PNS-GNN: the
     * features move with their particle, the state transforms as a state.
     */
    private List<ModelDescription> describeModels() {
        GroupAction<?> latent = new ParticlePermutationAction(group, "latent");
        GroupAction<?> features = new ParticlePermutationAction(group, "node features");
        return List.of(
                ModelDescription.builder(EPNS, (preset, context) -> new EgnnModel(EPNS, context, size(preset),
                        stepTime(preset)))
                        .description("EPNS: an EGNN-style E(2)-equivariant graph network, one latent per particle")
                        .latentAction(latent).hiddenActions(List.of(features, stateAction()))
                        .trainingConfig(FlockingDomain::training).build(),
                ModelDescription.builder(EPNS_HANDED, (preset, context) -> new EgnnModel(EPNS_HANDED, context,
                        size(preset), stepTime(preset), HANDED_LATENTS))
                        .description("EPNS with handed latents: the last latent of each particle is a pseudo-scalar"
                                + " that turns it left or right")
                        .latentAction(new ParticlePermutationAction(group, "latent", HANDED_LATENTS))
                        .hiddenActions(List.of(features, stateAction()))
                        .trainingConfig(FlockingDomain::training).build(),
                ModelDescription.builder(PNS_GNN, (preset, context) -> new PnsGnnModel(PNS_GNN, context, size(preset),
                        stepTime(preset)))
                        .description("PNS baseline: a graph network on absolute coordinates")
                        .symmetries(EnumSet.of(SymmetryKind.PERMUTATIONS)).latentAction(latent)
                        .hiddenActions(List.of(features, new ParticlePermutationAction(group, "embedding"), stateAction()))
                        .trainingConfig(FlockingDomain::training).build());
    }

    /** The sizes of the models at a preset (the same for both, so they differ only in symmetry). */
    public static FlockModelSize size(String preset) {
        return switch (preset) {
            case "tiny" -> new FlockModelSize(8, 1, 1, 1, 2);
            case "cpu" -> new FlockModelSize(32, 2, 2, 2, 4);
            default -> new FlockModelSize(128, 4, 4, 3, 16);
        };
    }

    /** The time one model step spans. */
    public static double stepTime(String preset) {
        return STRIDE * physics(preset).frameInterval();
    }

    /** The training settings at a preset, the same for both models. */
    private static TrainingConfig training(String preset) {
        return switch (preset) {
            // Spec §7 as for n-body: Adam 1e-4 with coupled L2 1e-4, beta rising over the run, multi-step.
            case "paper" -> new TrainingConfig(200, 64, 40, STRIDE, new AdamSettings(1e-4, 1e-4, 0.9, 0.999, 1e-8),
                    KlAnnealing.LINEAR_OVER_RUN, 0.0, TrainingStrategy.MULTI_STEP, MultiStepSchedule.PAPER, Readout.MEAN,
                    Readout.MEAN, 1L);
            // The n-body cpu recipe (one-step, a 10x larger learning rate than the paper's decaying to a
            // tenth) for about an hour of one core: 300 epochs of 96 samples per trajectory at batch 32
            // (57,600 optimiser steps; README.md gives the measured time per epoch).
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
