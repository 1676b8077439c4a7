package org.epnsj.harness;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.app.TrainRequest;
import org.epnsj.runtime.io.DatasetManifest;
import org.epnsj.runtime.io.OutputFolders;
import org.epnsj.runtime.run.Json;
import org.epnsj.runtime.run.RunDirectory;
import org.epnsj.runtime.run.RunProvenance;
import org.epnsj.runtime.training.EpnsTrainer;

/**
 * Runs an experiment under a results root: generates the data sets it needs (once, under
 * {@code data/}), trains every run (under {@code runs/}, shared between experiments and resumed if
 * interrupted), evaluates it, and writes {@code <name>/results.json}, from which the reports module
 * draws the report.
 *
 * <p>Several processes may work on the same root at once: each run and data set is claimed with a
 * file lock ({@link RunClaims}), and a process skips what another one holds. Each writes the results of
 * what is finished when it ends; the last one to end has every run.
 */
public final class ExperimentRunner {

    /** Trains one run; the command line supplies one with a progress bar and Ctrl-C handling. */
    @FunctionalInterface
    public interface Trainer {
        /** Trains, returning the trainer's outcome (interrupted or not). */
        EpnsTrainer.Outcome train(TrainRequest request) throws Exception;
    }

    /** Evaluates one run's best checkpoint; the command line supplies one with a progress bar. */
    @FunctionalInterface
    public interface Evaluator {
        /** The report of {@link EpnsRuntime#evaluate} for the run on the data with the seed. */
        Map<String, Object> evaluate(Path run, Path data, long seed) throws IOException;
    }

    /** Each run's evaluation report, in its run folder. */
    public static final String EVALUATION = "evaluation-best.json";
    /** Evaluation seed of every run (the model's sampling noise in the metrics). */
    private static final long EVALUATION_SEED = 1;
    /** The status of a run whose training settings are no longer its preset's. */
    private static final String OTHER_SETTINGS = "trained with other training settings";

    private final EpnsRuntime runtime;
    private final Trainer trainer;
    private final PrintWriter out;
    private Evaluator evaluator;
    private boolean collectOnly;
    private java.util.Set<Long> trainSeeds;

    /**
     * @param runtime the runtime that generates data and evaluates
     * @param trainer trains each run
     * @param out where each run's progress is told, one line per step
     */
    public ExperimentRunner(EpnsRuntime runtime, Trainer trainer, PrintWriter out) {
        this.runtime = runtime;
        this.trainer = trainer;
        this.out = out;
        this.evaluator = (run, data, seed) -> runtime.evaluate(run, data, "best", seed);
    }

    /** Evaluates runs with {@code evaluator} instead of the runtime's plain evaluation. */
    public ExperimentRunner evaluator(Evaluator evaluator) {
        this.evaluator = java.util.Objects.requireNonNull(evaluator, "evaluator");
        return this;
    }

    /**
     * Only gathers the runs that are finished, training and generating nothing: a look at an
     * experiment while its runs go on elsewhere.
     */
    public ExperimentRunner collectOnly(boolean only) {
        this.collectOnly = only;
        return this;
    }

    /**
     * Trains only the runs of these training seeds; the others are reported if finished and listed as
     * missing if not. {@code null} (the default) trains every seed.
     */
    public ExperimentRunner trainSeeds(java.util.Collection<Long> seeds) {
        this.trainSeeds = seeds == null ? null : java.util.Set.copyOf(seeds);
        return this;
    }

    /** The runs of a study, in the order they are trained: seeds, then sizes, then arms. */
    public static List<RunSpec> plan(ExperimentConfig.Study study, Integer epochs, int fullTrainSize) {
        // The whole split is one configuration however it is asked for, so its runs are shared.
        java.util.LinkedHashSet<Integer> sizes = new java.util.LinkedHashSet<>();
        for (Integer requested : study.sizes()) {
            sizes.add(requested == null || requested >= fullTrainSize ? null : requested);
        }
        List<RunSpec> runs = new ArrayList<>();
        for (long seed : study.seeds()) {
            for (Integer size : sizes) {
                for (ExperimentConfig.Arm arm : study.arms()) {
                    runs.add(new RunSpec(study.domain(), study.preset(), study.dataSeed(), arm.model(), arm.strategy(),
                            size, seed, epochs));
                }
            }
        }
        return runs;
    }

    /** A run of one of the experiment's studies, whose training split holds {@code fullTrainSize} trajectories. */
    record PlannedRun(int studyIndex, ExperimentConfig.Study study, RunSpec spec, int fullTrainSize) {}

    /**
     * Every run of the experiment in the order it is trained: the first seed of every study (each
     * domain, size and arm) before any second seed, so that an experiment stopped part-way has
     * every configuration at least once rather than all seeds of a few.
     */
    List<PlannedRun> queue(ExperimentConfig experiment, Integer epochs) {
        List<PlannedRun> queue = new ArrayList<>();
        for (int i = 0; i < experiment.studies().size(); i++) {
            ExperimentConfig.Study study = experiment.studies().get(i);
            int full = fullTrainSize(study);
            for (RunSpec spec : plan(study, epochs, full)) {
                queue.add(new PlannedRun(i, study, spec, full));
            }
        }
        // Stable: within a seed, studies and their plans keep their order.
        queue.sort(java.util.Comparator.comparingInt(p -> p.study().seeds().indexOf(p.spec().seed())));
        return queue;
    }

    /**
     * Runs the experiment and writes its results folder {@code root/<name>}.
     *
     * @return the results, with every run that is finished
     * @throws InterruptedException if the user stopped a training (it is saved and resumes next time)
     */
    public ExperimentResults run(ExperimentConfig experiment, boolean quick, Path root, List<String> commands)
            throws Exception {
        String started = Instant.now().toString();
        Path folder = root.resolve(folderName(experiment.name(), quick));
        OutputFolders.create(folder);
        Integer epochs = experiment.epochsOverride(quick);
        List<PlannedRun> queue = queue(experiment, epochs);
        List<List<ExperimentResults.RunResult>> perStudy = new ArrayList<>();
        experiment.studies().forEach(s -> perStudy.add(new ArrayList<>()));
        int index = 0;
        for (PlannedRun planned : queue) {
            ExperimentConfig.Study study = planned.study();
            RunSpec spec = planned.spec();
            DomainProvider domain = runtime.plugins().domain(study.domain());
            List<ExperimentResults.RunResult> results = perStudy.get(planned.studyIndex());
            int full = planned.fullTrainSize();
            index++;
            String arm = armOf(study, spec).label();
            out.printf("[%d/%d] %s: %s%n", index, queue.size(), experiment.name(), spec.key());
            out.flush();
            try {
                results.add(runOne(domain, study, arm, spec, root, full));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // One broken run (a diverged evaluation, a full disk) must not cost the others.
                String why = "failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                out.printf("  %s%n", why);
                out.flush();
                results.add(missing(arm, spec, root.resolve("runs").resolve(spec.key()),
                        root.resolve("data").resolve(spec.dataKey()), full, why));
            }
        }
        List<ExperimentResults.StudyResults> studies = new ArrayList<>();
        for (int i = 0; i < experiment.studies().size(); i++) {
            studies.add(new ExperimentResults.StudyResults(experiment.studies().get(i), perStudy.get(i)));
        }
        Map<String, Object> provenance = provenance(started);
        provenance.put(ExperimentResults.RESULTS_ROOT, root.toAbsolutePath().normalize().toString());
        ExperimentResults results = new ExperimentResults(experiment, quick, studies, provenance, commands);
        results.write(folder);
        return results;
    }

    /**
     * The keys of the runs of {@code experiment} that {@link #run} would train now, in its order: those
     * without an evaluation, of the seeds to train; none when only collecting.
     */
    public List<String> pendingRuns(ExperimentConfig experiment, boolean quick, Path root) {
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
        if (collectOnly) {
            return List.of();
        }
        for (PlannedRun planned : queue(experiment, experiment.epochsOverride(quick))) {
            RunSpec spec = planned.spec();
            if ((trainSeeds == null || trainSeeds.contains(spec.seed()))
                    && !Files.exists(root.resolve("runs").resolve(spec.key()).resolve(EVALUATION))) {
                keys.add(spec.key());
            }
        }
        return List.copyOf(keys);
    }

    /**
     * Does for the one run {@code key} of {@code experiment} what {@link #run} does for each of its runs (its
     * data, training, evaluation and figure rollouts), so that runs can go to different processes and a
     * later {@link #run} gathers them.
     *
     * @return null if the run is finished, else why not (one line)
     * @throws InterruptedException if the training was stopped
     */
    public String runOnly(ExperimentConfig experiment, boolean quick, Path root, String key) throws Exception {
        for (PlannedRun planned : queue(experiment, experiment.epochsOverride(quick))) {
            if (!planned.spec().key().equals(key)) {
                continue;
            }
            ExperimentConfig.Study study = planned.study();
            DomainProvider domain = runtime.plugins().domain(study.domain());
            try {
                ExperimentResults.RunResult r = runOne(domain, study, armOf(study, planned.spec()).label(),
                        planned.spec(), root, planned.fullTrainSize());
                return r.done() ? null : r.status();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                return "failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        throw new IllegalArgumentException("experiment " + experiment.name() + " has no run " + key);
    }

    /**
     * The results of runs trained outside the harness (the demo): one seed per model, laid out as a
     * study with the main comparison's tables and figures for the domain, so that the same report
     * describes them.
     *
     * @param runs run folder per model, in column order
     * @param reports evaluation report per model
     */
    public ExperimentResults collect(String title, String question, String domainId, String preset, Path data,
            Map<String, Path> runs, Map<String, Map<String, Object>> reports, List<String> commands) throws IOException {
        ExperimentConfig.Study template = ExperimentConfig.named("main-comparison").studies().stream()
                .filter(s -> s.domain().equals(domainId)).findFirst().orElse(null);
        List<ExperimentConfig.Arm> arms = runs.keySet().stream().map(m -> new ExperimentConfig.Arm(m, m, null)).toList();
        // A domain the main comparison does not know: every metric in the table, every figure its evaluator declares.
        ExperimentConfig.Study study = new ExperimentConfig.Study(domainId, preset, 1, List.of(1L), null, arms,
                template == null ? List.of("*") : template.table(),
                template == null ? List.of("*", FigureKind.TRAINING.configName()) : template.figures());
        DomainProvider domain = runtime.plugins().domain(domainId);
        int full = domain.datasetPreset(preset).splits().get("train").trajectories();
        List<ExperimentResults.RunResult> results = new ArrayList<>();
        for (Map.Entry<String, Path> e : runs.entrySet()) {
            Path run = e.getValue();
            if (study.drawsFrames() && !Files.exists(run.resolve(FigureRollouts.FILE_NAME))) {
                FigureRollouts.sample(runtime, run, data, run.resolve(FigureRollouts.FILE_NAME));
            }
            results.add(finished(e.getKey(), new RunSpec(domainId, preset, 1, e.getKey(), null, null, 1, null), full,
                    run, data, reports.get(e.getKey())));
        }
        ExperimentConfig config = new ExperimentConfig("demo", title, question,
                "the demo's own: one training seed per model at the '" + preset + "' preset", List.of(study), null);
        Map<String, Object> provenance = provenance(null);
        return new ExperimentResults(config, false, List.of(new ExperimentResults.StudyResults(study, results)),
                provenance, commands);
    }

    /** Commit, engine, device, times and machine of this process's results. */
    private Map<String, Object> provenance(String started) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("gitCommit", RunProvenance.gitDescribe());
        p.put("engine", runtime.settings().engine());
        p.put("device", runtime.settings().device().name().toLowerCase(Locale.ROOT));
        if (started != null) {
            p.put("started", started);
        }
        p.put("finished", Instant.now().toString());
        p.put("java", System.getProperty("java.version"));
        p.put("processors", Runtime.getRuntime().availableProcessors());
        p.put("ompNumThreads", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        return p;
    }

    /** An experiment's results folder under the root; the quick variant has its own. */
    public static String folderName(String experiment, boolean quick) {
        return quick ? experiment + "-quick" : experiment;
    }

    private static ExperimentConfig.Arm armOf(ExperimentConfig.Study study, RunSpec spec) {
        return study.arms().stream().filter(a -> a.model().equals(spec.model()) && a.strategy() == spec.strategy())
                .findFirst().orElseThrow();
    }

    private ExperimentResults.RunResult runOne(DomainProvider domain, ExperimentConfig.Study study, String arm,
            RunSpec spec, Path root, int full) throws Exception {
        Path run = root.resolve("runs").resolve(spec.key());
        Path evaluation = run.resolve(EVALUATION);
        boolean trains = !collectOnly && (trainSeeds == null || trainSeeds.contains(spec.seed()));
        if (!trains && !Files.exists(evaluation)) {
            out.printf("  not finished yet%n");
            return missing(arm, spec, run, root.resolve("data").resolve(spec.dataKey()), full, "not finished yet");
        }
        Path data = dataFor(domain, spec, root);
        if (!Files.exists(evaluation)) {
            try (RunClaims.Claim lock = RunClaims.claim(root.resolve("runs"), spec.key())) {
                if (lock == null) {
                    out.printf("  another process is working on it; skipped%n");
                    return missing(arm, spec, run, data, full, "in progress elsewhere");
                }
                String otherSettings = Files.exists(run.resolve("config.json")) ? otherTrainingSettings(domain, spec, run)
                        : null;
                if (otherSettings != null) {
                    out.printf("  not resumed: %s; move the run folder away to train it again%n", otherSettings);
                    return missing(arm, spec, run, data, full, OTHER_SETTINGS);
                }
                if (!Files.exists(evaluation)) {
                    train(domain, spec, data, run);
                    out.printf("  evaluating%n");
                    out.flush();
                    Json.write(evaluation, evaluator.evaluate(run, data, EVALUATION_SEED));
                }
            }
        } else {
            String stale = staleReason(run);
            if (stale != null) {
                out.printf("  not reused: %s; move the run folder away to train it again%n", stale);
                return missing(arm, spec, run, data, full, "trained with another model configuration");
            }
            String otherSettings = otherTrainingSettings(domain, spec, run);
            if (otherSettings != null) {
                out.printf("  not reused: %s; move the run folder away to train it again%n", otherSettings);
                return missing(arm, spec, run, data, full, OTHER_SETTINGS);
            }
            out.printf("  done before; reusing %s%n", run);
        }
        Path rollouts = run.resolve(FigureRollouts.FILE_NAME);
        if (study.drawsFrames() && spec.seed() == study.seeds().get(0) && !Files.exists(rollouts)) {
            out.printf("  sampling rollouts for the figures%n");
            out.flush();
            if (!FigureRollouts.sample(runtime, run, data, rollouts)) {
                out.printf("  no rollouts kept: a rollout diverged or the frames are not drawn; the frame figures"
                        + " leave this run out%n");
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> report = Json.read(evaluation, Map.class);
        return finished(arm, spec, full, run, data, report);
    }

    /**
     * Why a finished run no longer matches the model its configuration now builds (a preset's sizes
     * changed since it was trained), or null if its best checkpoint loads: a run folder is reused by
     * name, and its numbers must not stand for a model of another size.
     */
    private String staleReason(Path run) {
        try (var loaded = runtime.load(run, "best")) {
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /**
     * How the training settings a run was started with differ from those the harness would start it
     * with now (a preset's budget, optimiser or schedule changed since), or null if they are the same:
     * a run is found by its folder name, and its numbers must not stand for settings it was not
     * trained with.
     */
    private static String otherTrainingSettings(DomainProvider domain, RunSpec spec, Path run) throws IOException {
        TrainingConfig saved = RunDirectory.open(run).readConfig().training();
        TrainingConfig expected = expectedTraining(domain, spec);
        if (expected.equals(saved)) {
            return null;
        }
        JsonObject was = Json.GSON.toJsonTree(saved).getAsJsonObject();
        JsonObject now = Json.GSON.toJsonTree(expected).getAsJsonObject();
        List<String> changes = new ArrayList<>();
        differences("", was, now, changes);
        return "trained with other training settings (" + String.join(", ", changes) + ")";
    }

    /** The training settings a run of {@code spec} starts with. */
    static TrainingConfig expectedTraining(DomainProvider domain, RunSpec spec) {
        TrainingConfig config = domain.trainingConfig(spec.model(), spec.preset());
        if (spec.strategy() != null) {
            config = config.withStrategy(spec.strategy(), config.multiStep());
        }
        if (spec.epochs() != null) {
            config = config.withEpochs(spec.epochs());
        }
        return config.withSeed(spec.seed());
    }

    private static void differences(String prefix, JsonObject was, JsonObject now, List<String> out) {
        for (String key : now.keySet()) {
            JsonElement a = was.get(key);
            JsonElement b = now.get(key);
            if (a instanceof JsonObject ao && b instanceof JsonObject bo) {
                differences(prefix + key + ".", ao, bo, out);
            } else if (!b.equals(a)) {
                out.add(prefix + key + " " + (a == null ? "unset" : a) + " -> " + b);
            }
        }
    }

    /** A trained and evaluated run: its metrics, training log and the commits it was trained and evaluated at. */
    private static ExperimentResults.RunResult finished(String arm, RunSpec spec, int full, Path run, Path data,
            Map<String, Object> report) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) report.get("metrics");
        Number epoch = (Number) report.get("checkpointEpoch");
        RunDirectory folder = RunDirectory.open(run);
        TrainingLog log = TrainingLog.read(folder.metricsFile());
        @SuppressWarnings("unchecked")
        Map<String, Object> trained = Json.read(folder.provenanceFile(), Map.class);
        Object evaluated = report.get("provenance") instanceof Map<?, ?> p ? p.get("gitCommit") : null;
        return new ExperimentResults.RunResult(arm, spec, trainCount(spec, full), "done", run.toString(),
                data.toString(), log.epochs(), log.seconds(), epoch == null ? -1 : epoch.intValue(), metrics,
                String.valueOf(trained.get("gitCommit")), String.valueOf(evaluated));
    }

    private static ExperimentResults.RunResult missing(String arm, RunSpec spec, Path run, Path data, int full,
            String why) {
        return new ExperimentResults.RunResult(arm, spec, trainCount(spec, full), why, run.toString(),
                data.toString(), 0, 0, -1, null, null, null);
    }

    private static int trainCount(RunSpec spec, int full) {
        return spec.trainSize() == null ? full : spec.trainSize();
    }

    private int fullTrainSize(ExperimentConfig.Study study) {
        DomainProvider domain = runtime.plugins().domain(study.domain());
        if (!domain.presets().contains(study.preset())) {
            throw new IllegalArgumentException("domain '" + study.domain() + "' has no preset '" + study.preset()
                    + "'; presets: " + domain.presets());
        }
        return domain.datasetPreset(study.preset()).splits().get("train").trajectories();
    }

    private void train(DomainProvider domain, RunSpec spec, Path data, Path run) throws Exception {
        boolean resume = Files.exists(run.resolve("config.json"));
        if (resume && !Files.exists(RunDirectory.open(run).lastCheckpoint())) {
            // Stopped before its first epoch ended: nothing to keep.
            TrainingSubsets.deleteTree(run);
            resume = false;
        }
        TrainingConfig config = resume ? null : expectedTraining(domain, spec);
        out.printf("  %s%n", resume ? "resuming" : "training");
        out.flush();
        EpnsTrainer.Outcome outcome = trainer.train(new TrainRequest(spec.domain(), spec.model(), spec.preset(), data,
                run, spec.epochs(), resume ? null : spec.seed(), resume, config));
        if (outcome.interrupted()) {
            throw new InterruptedException("stopped while training " + run + "; run the same command again to resume");
        }
    }

    /** The run's data folder: the full data set, or a folder with the first {@code n} training trajectories. */
    private Path dataFor(DomainProvider domain, RunSpec spec, Path root) throws IOException {
        Path dataRoot = root.resolve("data");
        Path full = dataRoot.resolve(spec.fullDataKey());
        if (!Files.exists(full.resolve(DatasetManifest.FILE_NAME))) {
            Files.createDirectories(dataRoot);
            try (RunClaims.Claim lock = RunClaims.claimBlocking(dataRoot, spec.fullDataKey())) {
                if (!Files.exists(full.resolve(DatasetManifest.FILE_NAME))) {
                    out.printf("  generating the %s '%s' data set (seed %d)%n", spec.domain(), spec.preset(),
                            spec.dataSeed());
                    out.flush();
                    TrainingSubsets.deleteTree(full);
                    runtime.generate(spec.domain(), spec.preset(), spec.dataSeed(), full, f -> { });
                }
            }
        }
        if (spec.trainSize() == null) {
            return full;
        }
        Path subset = dataRoot.resolve(spec.dataKey());
        if (!Files.exists(subset.resolve(DatasetManifest.FILE_NAME))) {
            try (RunClaims.Claim lock = RunClaims.claimBlocking(dataRoot, spec.dataKey())) {
                if (!Files.exists(subset.resolve(DatasetManifest.FILE_NAME))) {
                    TrainingSubsets.write(domain, full, spec.trainSize(), subset);
                }
            }
        }
        return subset;
    }
}
