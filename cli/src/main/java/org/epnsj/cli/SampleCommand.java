package org.epnsj.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.epnsj.runtime.app.EpnsRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code epns sample}: samples rollouts from a trained model. */
@Command(name = "sample", description = "Sample model rollouts from the first frame of every trajectory of a split; "
        + "writes one .npy array (trajectories, samples, steps+1, frame...).")
final class SampleCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, description = "Run folder (from 'epns train').")
    Path run;

    @Option(names = "--data", required = true, description = "Data folder.")
    Path data;

    @Option(names = "--split", defaultValue = "test", description = "Split to start from. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--steps", required = true, description = "Model steps per rollout.")
    int steps;

    @Option(names = "--samples", defaultValue = "1", description = "Rollouts per start state. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--seed", defaultValue = "1", description = "Sampling seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", required = true, description = "Output .npy file.")
    Path out;

    @Option(names = "--spark", arity = "0..1", fallbackValue = "", paramLabel = "MASTER",
            description = "Compute the ensembles as tasks on a Spark master (default local[*]); the same numbers as without it.")
    String spark;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EpnsRuntime runtime = RuntimeOptions.defaultRuntime();
        long[] shape;
        try (ProgressBar bar = Progress.bar("sample", 0)) {
            shape = spark == null ? runtime.sample(run, data, split, steps, samples, seed, out, done -> bar.stepTo(done))
                    : ClusterJobs.load().sample(ClusterJobs.master(spark), run, data, split, steps, samples, seed, out);
        }
        spec.commandLine().getOut().printf("wrote %s of shape %s%n", out, Arrays.toString(shape));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
