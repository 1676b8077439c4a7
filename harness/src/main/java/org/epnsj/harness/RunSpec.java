package org.epnsj.harness;

import org.epnsj.api.training.TrainingStrategy;

/**
 * One training run of an experiment. Runs with equal specs are the same run, so experiments that
 * share a configuration (the main comparison's runs are the full-size points of the data-efficiency
 * curves) train it once.
 *
 * @param domain the domain id
 * @param preset the preset
 * @param dataSeed the data set's seed
 * @param model the model
 * @param strategy the training strategy override, or null for the preset's
 * @param trainSize the number of training trajectories, or null for all
 * @param seed the training seed
 * @param epochs the epochs override, or null for the preset's
 */
public record RunSpec(String domain, String preset, long dataSeed, String model, TrainingStrategy strategy,
        Integer trainSize, long seed, Integer epochs) {

    /** The run's folder name: every field that changes the run, in a fixed order. */
    public String key() {
        StringBuilder b = new StringBuilder(domain).append('-').append(preset).append("-d").append(dataSeed)
                .append('-').append(model);
        if (strategy != null) {
            b.append(strategy == TrainingStrategy.ONE_STEP ? "-onestep" : "-multistep");
        }
        b.append(trainSize == null ? "-nall" : "-n" + trainSize);
        if (epochs != null) {
            b.append("-e").append(epochs);
        }
        return b.append("-s").append(seed).toString();
    }

    /** The data folder's name for this run's training-set size. */
    public String dataKey() {
        String base = domain + "-" + preset + "-d" + dataSeed;
        return trainSize == null ? base : base + "-train" + trainSize;
    }

    /** The full data set's folder name. */
    public String fullDataKey() {
        return domain + "-" + preset + "-d" + dataSeed;
    }
}
