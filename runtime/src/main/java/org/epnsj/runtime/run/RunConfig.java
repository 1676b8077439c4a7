package org.epnsj.runtime.run;

import org.epnsj.api.training.TrainingConfig;

/**
 * What a run was asked to do: {@code config.json} of a run folder. Enough to rebuild the model for
 * sampling and evaluation.
 *
 * @param domain the domain id
 * @param model the model name within the domain
 * @param preset the model / data preset
 * @param data the training data folder, as given
 * @param engine the DJL engine name
 * @param device {@code cpu} or {@code gpu}
 * @param dataType {@code float32} or {@code float64}
 * @param training the training settings
 */
public record RunConfig(String domain, String model, String preset, String data, String engine, String device,
        String dataType, TrainingConfig training) {}
