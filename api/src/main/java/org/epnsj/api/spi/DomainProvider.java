package org.epnsj.api.spi;

import java.util.List;
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

    /**
     * The models this domain offers, each described once (factory, claimed symmetry, latent and hidden
     * actions, training settings); the first is the default. Names are unique.
     */
    List<ModelDescription> modelDescriptions();

    /**
     * The description of the named model.
     *
     * @throws IllegalArgumentException naming the model and the known ones if there is none of that name
     */
    default ModelDescription modelDescription(String model) {
        List<ModelDescription> all = modelDescriptions();
        for (ModelDescription d : all) {
            if (d.name().equals(model)) {
                return d;
            }
        }
        throw new IllegalArgumentException("domain '" + id() + "' has no model '" + model + "'; models: "
                + all.stream().map(ModelDescription::name).toList());
    }

    /** The names of the models this domain offers, from {@link #modelDescriptions()}; the first is the default. */
    default List<String> models() {
        return modelDescriptions().stream().map(ModelDescription::name).toList();
    }

    /**
     * Builds a freshly initialised model with its description's factory.
     *
     * @throws IllegalArgumentException for an unknown model or preset, naming the known ones
     */
    default TransitionModel createModel(String model, String preset, ModelContext context) {
        ModelDescription d = modelDescription(model);
        return d.factory().create(requirePreset(preset), context);
    }

    /**
     * The training settings of a model at a preset, from its description.
     *
     * @throws IllegalArgumentException for an unknown model or preset, naming the known ones
     */
    default TrainingConfig trainingConfig(String model, String preset) {
        ModelDescription d = modelDescription(model);
        return d.trainingConfig().apply(requirePreset(preset));
    }

    /**
     * The preset, if this domain lists it.
     *
     * @throws IllegalArgumentException naming the preset and the known ones otherwise
     */
    default String requirePreset(String preset) {
        if (!presets().contains(preset)) {
            throw new IllegalArgumentException("domain '" + id() + "' has no preset '" + preset + "'; presets: "
                    + presets());
        }
        return preset;
    }

    /** The domain's metrics. */
    DomainEvaluator evaluator();
}
