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

    /** The names of the models this domain offers; the first is the default. */
    List<String> models();

    /** Builds a freshly initialised model. */
    TransitionModel createModel(String model, String preset, ModelContext context);

    /** The training settings of a model at a preset. */
    TrainingConfig trainingConfig(String model, String preset);

    /** The domain's metrics. */
    DomainEvaluator evaluator();
}
