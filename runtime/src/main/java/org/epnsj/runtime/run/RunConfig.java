package org.epnsj.runtime.run;

import org.epnsj.api.training.TrainingConfig;

/**
 * What a run was asked to do: {@code config.json} of a run folder. Enough to rebuild the model for
 * sampling and evaluation.
 *
 * @param domain the domain id
 * @param model the model name within the domain
 * @param preset the model / data preset
 * @param data the training data folder, relative to the run folder (older runs recorded it as given)
 * @param engine the DJL engine name
 * @param device {@code cpu} or {@code gpu}
 * @param dataType {@code float32} or {@code float64}
 * @param training the training settings
 * @param klWeightPerNat the weight of one nat of KL in the loss at the end of the annealing: beta_max
 *     times the model's KL scale (NaN until the model is built; 0 in folders written before it existed)
 */
public record RunConfig(String domain, String model, String preset, String data, String engine, String device,
        String dataType, TrainingConfig training, double klWeightPerNat) {

    /** A copy with other training settings. */
    public RunConfig withTraining(TrainingConfig t) {
        return new RunConfig(domain, model, preset, data, engine, device, dataType, t, klWeightPerNat);
    }

    /** A copy recording the weight per nat of KL. */
    public RunConfig withKlWeightPerNat(double w) {
        return new RunConfig(domain, model, preset, data, engine, device, dataType, training, w);
    }
}
