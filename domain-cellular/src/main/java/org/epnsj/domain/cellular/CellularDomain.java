package org.epnsj.domain.cellular;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.epnsj.api.group.TrivialAction;
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
import org.epnsj.symmetry.p4.LabelGridAction;
import org.epnsj.symmetry.p4.P4Group;

/**
 * Cellular Potts cell sorting (spec D3-D6, section 4): states (L, L, 2) of (cell id, cell type) on a
 * periodic lattice, p4 x cell relabellings as the symmetry, and four models: {@code epns} (exactly
 * p4 x permutation equivariant: circular padding and averaging over quarter turns), {@code
 * epns-reference} (the reference's symmetry: permutations only, zero padding), {@code pns} (a
 * U-Net baseline claiming no symmetry) and {@code epns-global} ({@code epns} with one invariant
 * latent per sample instead of one per cell).
 *
 * <p>The group acting on states depends on the lattice size and cell count; {@link #stateAction()}
 * is the group of this instance's action preset (the first preset, {@code tiny}, for the instance
 * that {@link java.util.ServiceLoader} creates, matching the states the conformance kit draws), and
 * {@link #stateAction(String)} gives any preset's.
 */
public final class CellularDomain implements DomainProvider {

    /** The domain's id. */
    public static final String ID = "cellular";

    /** The EPNS with exact p4 x permutation equivariance (the default model). */
    public static final String EPNS = "epns";

    /** The EPNS with the reference's symmetry: permutations only. */
    public static final String EPNS_REFERENCE = "epns-reference";

    /** The non-equivariant U-Net baseline. */
    public static final String PNS = "pns";

    /** The p4 EPNS with one invariant latent per sample. */
    public static final String EPNS_GLOBAL = "epns-global";

    private static final StateSchema SCHEMA = new StateSchema("cell grid", new long[] {-1, -1, 2},
            List.of(new Channel("cell id", 1, ChannelRole.DYNAMIC), new Channel("cell type", 1, ChannelRole.DERIVED)),
            Boundary.PERIODIC);

    private final CellularPreset actionPreset;

    /** The domain with the state action of the first preset. */
    public CellularDomain() {
        this(CellularPreset.ALL.get(0).name());
    }

    /** The domain whose {@link #stateAction()} acts on the named preset's lattice and cells. */
    public CellularDomain(String actionPreset) {
        this.actionPreset = CellularPreset.named(actionPreset);
    }

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
        return "Cellular Potts cell sorting on a periodic lattice (p4 x cell relabellings)";
    }

    @Override
    public String symmetryId() {
        return "p4";
    }

    @Override
    public StateSchema schema() {
        return SCHEMA;
    }

    private static P4Group group(CellularPreset preset) {
        return new P4Group(preset.cpm().size(), preset.cpm().cells(), false);
    }

    @Override
    public GroupAction<?> stateAction() {
        return stateAction(actionPreset.name());
    }

    /** The action on the named preset's states: sites move, the id channel is relabelled. */
    public GroupAction<?> stateAction(String preset) {
        return new LabelGridAction(group(CellularPreset.named(preset)), "cell state", 2, 0);
    }

    @Override
    public List<String> presets() {
        return CellularPreset.names();
    }

    @Override
    public DatasetPreset datasetPreset(String preset) {
        return CellularPreset.named(preset).dataset();
    }

    @Override
    public GroundTruthSimulator simulator(String preset) {
        return new CellularPottsSimulator(CellularPreset.named(preset).cpm());
    }

    @Override
    public TrajectoryCodec codec() {
        return new CellularCodec();
    }

    @Override
    public List<String> models() {
        return List.of(EPNS, EPNS_REFERENCE, PNS, EPNS_GLOBAL);
    }

    private String checkModel(String model) {
        if (!models().contains(model)) {
            throw new IllegalArgumentException("domain '" + ID + "' has no model '" + model + "'; models: " + models());
        }
        return model;
    }

    @Override
    public TransitionModel createModel(String model, String preset, ModelContext context) {
        CellularPreset p = CellularPreset.named(preset);
        int cells = p.cpm().cells();
        int types = p.cpm().types();
        return switch (checkModel(model)) {
            case EPNS -> new CellEpnsModel(model, context, p.epns(), cells, types, CellEpnsModel.Setting.P4,
                    CellEpnsModel.Latent.PER_CELL);
            case EPNS_REFERENCE -> new CellEpnsModel(model, context, p.epns(), cells, types,
                    CellEpnsModel.Setting.REFERENCE, CellEpnsModel.Latent.PER_CELL);
            case EPNS_GLOBAL -> new CellEpnsModel(model, context, p.epns(), cells, types, CellEpnsModel.Setting.P4,
                    CellEpnsModel.Latent.GLOBAL);
            default -> new CellPnsModel(model, context, p.pns(), cells, types);
        };
    }

    /**
     * {@code epns} and {@code epns-global}: quarter turns, translations and relabellings (no
     * reflections: p4, not p4m); {@code epns-reference}: relabellings only; {@code pns}: nothing.
     */
    @Override
    public Set<SymmetryKind> symmetries(String model) {
        return switch (checkModel(model)) {
            case EPNS, EPNS_GLOBAL -> EnumSet.of(SymmetryKind.ROTATIONS, SymmetryKind.TRANSLATIONS,
                    SymmetryKind.PERMUTATIONS);
            case EPNS_REFERENCE -> EnumSet.of(SymmetryKind.PERMUTATIONS);
            default -> EnumSet.noneOf(SymmetryKind.class);
        };
    }

    /**
     * The per-cell EPNS latents (B, cells + 1, latent) are pooled over space: they move with their
     * cell id only. The {@code epns-global} latent (B, latent) is pooled over cells too: nothing moves it.
     */
    @Override
    public Optional<GroupAction<?>> latentAction(String model) {
        return switch (checkModel(model)) {
            case PNS -> Optional.empty();
            case EPNS_GLOBAL -> Optional.of(new TrivialAction<>(group(actionPreset), "global latent"));
            default -> Optional.of(new NodeFieldAction(group(actionPreset), "per-cell latent", false));
        };
    }

    /**
     * The EPNS h = [h, e] (node grids: sites move, nodes follow their ids) and the node types (nodes
     * follow), for either latent: the forward model is the same.
     */
    @Override
    public Optional<List<GroupAction<?>>> hiddenActions(String model) {
        if (PNS.equals(checkModel(model))) {
            return Optional.empty();
        }
        P4Group g = group(actionPreset);
        return Optional.of(List.of(new NodeFieldAction(g, "node embedding h", true),
                new NodeFieldAction(g, "node encoding e", true), new NodeFieldAction(g, "node types", false)));
    }

    /**
     * Spec section 7, with the budget of the preset ({@link CellularPreset.Budget}: epochs, samples,
     * batch, learning rate and the multi-step schedule) for {@code cpu} and {@code tiny}: EPNS Adam betas (0.9, 0.9), eps 1e-6, beta rising over the first 12.5 % of the
     * epochs to the reference's weight per nat of KL ({@link #referenceKlWeight}), free bits 0.1175 on the
     * node-averaged KL of each latent dimension; PNS default Adam, beta up to 1, free bits 0.1; both multi-step
     * with the argmax readout.
     */
    @Override
    public TrainingConfig trainingConfig(String model, String preset) {
        CellularPreset p = CellularPreset.named(preset);
        boolean epns = !PNS.equals(checkModel(model));
        boolean paper = "paper".equals(preset);
        // The paper's constant 1e-4 needs its 180 epochs of 800 trajectories; the small presets train
        // from their preset's larger rate, falling linearly to a tenth.
        CellularPreset.Budget b = p.training();
        AdamSettings adam;
        if (paper) {
            adam = epns ? new AdamSettings(1e-4, 1e-4, 0.9, 0.9, 1e-6) : AdamSettings.PAPER_DEFAULT;
        } else {
            adam = epns ? new AdamSettings(b.learningRate(), 1e-4, 0.9, 0.9, 1e-6, 0.1)
                    : new AdamSettings(b.learningRate(), 1e-4, 0.9, 0.999, 1e-8, 0.1);
        }
        KlAnnealing kl = new KlAnnealing(epns ? referenceKlWeight(model, p) : 1, 1, 0.125);
        return new TrainingConfig(b.epochs(), epns ? b.epnsBatch() : b.pnsBatch(), b.samplesPerTrajectory(), 1, adam,
                kl, epns ? 0.1175 : 0.1, TrainingStrategy.MULTI_STEP, b.multiStep(), Readout.MODE, Readout.MODE, 1L);
    }

    /**
     * The EPNS's beta_max: the reference's 64 multiplies KL / 65 (its 64 cells and the medium), 64/65
     * of the loss per nat of KL. Every preset keeps that weight per nat: beta_max = (64/65) / klScale,
     * so 64 x (cells + 1) / 65 with per-cell latents (16.7 at the cpu preset, 64 at paper) and 64/65
     * for the global latent, whose KL is not divided by the node count.
     */
    static double referenceKlWeight(String model, CellularPreset preset) {
        double perNat = REFERENCE_BETA_MAX / REFERENCE_NODES;
        return EPNS_GLOBAL.equals(model) ? perNat : perNat * (preset.cpm().cells() + 1);
    }

    private static final double REFERENCE_BETA_MAX = 64;
    private static final double REFERENCE_NODES = 65;

    @Override
    public DomainEvaluator evaluator() {
        return CellularEvaluator.FOR_ANY_PRESET;
    }
}
