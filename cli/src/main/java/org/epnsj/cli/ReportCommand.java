package org.epnsj.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.epnsj.harness.ExperimentResults;
import org.epnsj.reports.RunPlots;
import org.epnsj.reports.experiment.ExperimentReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code epns report DIR}: (re)writes the tables, figures and HTML page of experiment results, or the
 * training figure of a run folder.
 */
@Command(name = "report", description = "Write report.html (figures embedded), results.md and figures/ for an "
        + "experiment folder (one with results.json), or for every experiment folder under DIR; for a run folder "
        + "(one with config.json), write plots/training.png from its metrics.jsonl.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "An experiment folder, a results root or a run folder.")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (Files.isRegularFile(dir.resolve("config.json")) && !Files.exists(dir.resolve(ExperimentResults.FILE_NAME))) {
            Path png = RunPlots.write(dir);
            if (png == null) {
                throw new IllegalArgumentException(dir + " has no finished epoch in metrics.jsonl yet");
            }
            out.println("wrote " + png);
            out.flush();
            return 0;
        }
        List<Path> folders = new ArrayList<>();
        if (Files.exists(dir.resolve(ExperimentResults.FILE_NAME))) {
            folders.add(dir);
        } else {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> Files.exists(p.resolve(ExperimentResults.FILE_NAME))).sorted().forEach(folders::add);
            }
        }
        if (folders.isEmpty()) {
            throw new IllegalArgumentException(dir + " holds no " + ExperimentResults.FILE_NAME
                    + " (nor do its subfolders); run './epns experiment NAME' first");
        }
        ExperimentReport report = new ExperimentReport(RuntimeOptions.defaultRuntime());
        for (Path folder : folders) {
            out.println("wrote " + report.write(folder, ExperimentResults.read(folder)));
        }
        out.flush();
        return 0;
    }
}
