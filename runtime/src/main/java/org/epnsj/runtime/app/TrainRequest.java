package org.epnsj.runtime.app;

import java.nio.file.Path;
import org.epnsj.api.training.TrainingConfig;

/**
 * A request to train a model.
 *
 * @param domain the domain id
 * @param model the model name, or null for the domain's default
 * @param preset the preset, or null for the domain's first
 * @param data the data folder
 * @param runDirectory the run folder to create (or continue with {@code resume})
 * @param epochs overrides the preset's number of epochs when not null
 * @param seed overrides the preset's seed when not null
 * @param resume continue the run in {@code runDirectory} from its last checkpoint
 * @param config replaces the domain's training settings for the preset when not null (experiments,
 *     ablations); {@code epochs} and {@code seed} still override it
 */
public record TrainRequest(String domain, String model, String preset, Path data, Path runDirectory, Integer epochs,
        Long seed, boolean resume, TrainingConfig config) {

    /** A request that uses the domain's training settings. */
    public TrainRequest(String domain, String model, String preset, Path data, Path runDirectory, Integer epochs,
            Long seed, boolean resume) {
        this(domain, model, preset, data, runDirectory, epochs, seed, resume, null);
    }
}
