package org.epnsj.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.epnsj.runtime.io.DatasetManifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code epns generate}: writes a data set with a domain's ground-truth simulator. */
@Command(name = "generate", description = "Simulate a data set (train/val/test/... folders of .npy files).")
final class GenerateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DOMAIN", description = "Domain id (see 'epns domains').")
    String domain;

    @Option(names = "--preset", required = true, description = "Data-set size preset, e.g. tiny, cpu, paper.")
    String preset;

    @Option(names = "--out", required = true, description = "Folder to create.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulator. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--spark", arity = "0..1", fallbackValue = "", paramLabel = "MASTER",
            description = "Simulate the trajectories as tasks on a Spark master (default local[*]; needs a shared "
                    + "folder for --out on a cluster). Same files as without it.")
    String spark;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var runtime = RuntimeOptions.defaultRuntime();
        var domainProvider = runtime.plugins().domain(domain);
        if (!domainProvider.presets().contains(this.preset)) {
            throw new IllegalArgumentException("domain '" + domain + "' has no preset '" + this.preset + "'; presets: "
                    + domainProvider.presets());
        }
        int total = domainProvider.datasetPreset(this.preset).splits().values().stream()
                .mapToInt(s -> s.trajectories()).sum();
        DatasetManifest manifest;
        try (ProgressBar bar = Progress.bar("generate " + domain, total)) {
            manifest = spark == null ? runtime.generate(domain, this.preset, seed, out, file -> bar.step())
                    : ClusterJobs.load().generate(ClusterJobs.master(spark), domain, this.preset, seed, out,
                            bar::stepTo);
        }
        spec.commandLine().getOut().printf("wrote %d trajectories (%s) to %s%n", total, manifest.splits().keySet(), out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
