package org.epnsj.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.epnsj.runtime.io.PortablePaths;
import org.epnsj.runtime.run.Json;

/**
 * What an experiment produced, written as {@code results.json}: the configuration, every run with
 * its metrics (so the report can be rebuilt from this file alone), provenance and the commands. In
 * memory its folders are absolute; in the file they are relative to the experiment's folder.
 *
 * @param config the experiment as run (after {@code --quick})
 * @param quick whether this was the quick variant
 * @param studies per study, its runs
 * @param provenance commit, engine, times, machine
 * @param commands the commands that reproduce it
 */
public record ExperimentResults(ExperimentConfig config, boolean quick, List<StudyResults> studies,
        Map<String, Object> provenance, List<String> commands) {

    /** The file name inside an experiment's folder. */
    public static final String FILE_NAME = "results.json";

    /** The provenance key of the results root (data/, runs/ and the experiment folders). */
    public static final String RESULTS_ROOT = "resultsRoot";

    /**
     * The runs of one study.
     *
     * @param study the study's configuration
     * @param runs one entry per planned run, finished or not
     */
    public record StudyResults(ExperimentConfig.Study study, List<RunResult> runs) {}

    /**
     * One run's outcome.
     *
     * @param arm the arm's label
     * @param spec what was trained
     * @param trainTrajectories the number of training trajectories
     * @param status {@code done}, or why not
     * @param runFolder the run folder
     * @param dataFolder the data folder it was trained and evaluated on
     * @param epochs epochs trained
     * @param trainingSeconds summed epoch times
     * @param checkpointEpoch the evaluated (best) checkpoint's epoch
     * @param metrics the evaluator's metrics, or null if not done
     * @param trainedAt the commit the run was (last) trained at
     * @param evaluatedAt the commit it was evaluated at
     */
    public record RunResult(String arm, RunSpec spec, int trainTrajectories, String status, String runFolder,
            String dataFolder, int epochs, double trainingSeconds, int checkpointEpoch, Map<String, Object> metrics,
            String trainedAt, String evaluatedAt) {

        /** Whether the run was trained and evaluated. */
        public boolean done() {
            return "done".equals(status) && metrics != null;
        }
    }

    /** Reads {@code results.json} from an experiment folder; its folders come back resolved against it. */
    public static ExperimentResults read(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        ExperimentResults r = Json.read(file, ExperimentResults.class);
        if (r == null || r.config() == null || r.studies() == null) {
            throw new IOException(file + " is not an experiment's results file");
        }
        return r.withFolders(recorded -> PortablePaths.resolve(folder, recorded).toString());
    }

    /**
     * Writes {@code results.json} into an experiment folder, atomically, with its run, data and root
     * folders relative to that folder ({@link #relativeTo}).
     */
    public void write(Path folder) throws IOException {
        Json.write(folder.resolve(FILE_NAME), relativeTo(folder));
    }

    /** These results with every recorded folder relative to {@code folder}, as written into it. */
    public ExperimentResults relativeTo(Path folder) {
        return withFolders(path -> PortablePaths.relative(folder, Path.of(path)));
    }

    private ExperimentResults withFolders(UnaryOperator<String> map) {
        List<StudyResults> mapped = studies.stream().map(s -> new StudyResults(s.study(), s.runs().stream()
                .map(r -> new RunResult(r.arm(), r.spec(), r.trainTrajectories(), r.status(), mapNullable(map, r.runFolder()),
                        mapNullable(map, r.dataFolder()), r.epochs(), r.trainingSeconds(), r.checkpointEpoch(),
                        r.metrics(), r.trainedAt(), r.evaluatedAt()))
                .toList())).toList();
        Map<String, Object> p = provenance == null ? null : new LinkedHashMap<>(provenance);
        if (p != null && p.get(RESULTS_ROOT) instanceof String root) {
            p.put(RESULTS_ROOT, map.apply(root));
        }
        return new ExperimentResults(config, quick, mapped, p, commands);
    }

    private static String mapNullable(UnaryOperator<String> map, String path) {
        return path == null ? null : map.apply(path);
    }
}
