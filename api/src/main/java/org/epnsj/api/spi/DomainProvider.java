package org.epnsj.api.spi;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.epnsj.api.group.SymmetryKind;
import org.epnsj.api.data.DatasetPreset;
import org.epnsj.api.data.GroundTruthSimulator;
import org.epnsj.api.data.TrajectoryCodec;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.state.StateSchema;
import org.epnsj.api.training.TrainingConfig;

/**
 * A domain plugin: a system with its ground-truth simulator, file layout, models and metrics.
 * Found with {@link java.util.ServiceLoader} through a
 * {@code META-INF/services/org.epnsj.api.spi.DomainProvider} line.
 */
public interface DomainProvider {

    /** A unique, stable id such as {@code "nbody"}. */
    String id();

    /** The plugin's version, recorded in run provenance. */
    String version();

    /** One line for listings. */
    String description();

    /** The id of the {@link SymmetryProvider} whose group acts on this domain's states. */
    String symmetryId();

    /** The shape and meaning of a state. */
    StateSchema schema();

    /** How the group acts on a batch of states. */
    GroupAction<?> stateAction();

    /** The data-set presets, e.g. {@code tiny}, {@code cpu}, {@code paper}. */
    List<String> presets();

    /** The sizes of the named preset's splits. */
    DatasetPreset datasetPreset(String preset);

    /** The ground-truth simulator at the named preset's parameters. */
    GroundTruthSimulator simulator(String preset);

    /** The on-disk trajectory format. */
    TrajectoryCodec codec();

    /** The names of the models this domain offers; the first is the default. */
    List<String> models();

    /** Builds a freshly initialised model. */
    TransitionModel createModel(String model, String preset, ModelContext context);

    /**
     * The kinds of symmetry the named model is equivariant to: all by default. A baseline that sees
     * absolute coordinates claims fewer, and the conformance kit checks it only on the elements that
     * exercise the claimed kinds.
     */
    default Set<SymmetryKind> symmetries(String model) {
        return EnumSet.allOf(SymmetryKind.class);
    }

    /**
     * How the group acts on the named model's latent z. Empty (the default) means the architecture's
     * rule: a per-node latent declared equivariant transforms with {@link #stateAction()}, any other
     * latent is invariant. Models whose per-node latents only move with the nodes (invariant features
     * of each body) say so here.
     */
    default Optional<GroupAction<?>> latentAction(String model) {
        return Optional.empty();
    }

    /**
     * How the group acts on each element of the named model's hidden representation h (the forward
     * model's output list), or empty (the default) when the model does not declare it; the forward
     * model's equivariance can then not be checked on its own.
     */
    default Optional<List<GroupAction<?>>> hiddenActions(String model) {
        return Optional.empty();
    }

    /** The training settings of a model at a preset. */
    TrainingConfig trainingConfig(String model, String preset);

    /** The domain's metrics. */
    DomainEvaluator evaluator();
}
