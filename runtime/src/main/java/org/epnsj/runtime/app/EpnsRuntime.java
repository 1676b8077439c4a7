package org.epnsj.runtime.app;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.metric.MetricDeclarations;
import org.epnsj.api.model.Readout;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.DomainEvaluator;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.spi.EvaluationContext;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.io.DatasetFolder;
import org.epnsj.runtime.io.DatasetGenerator;
import org.epnsj.runtime.io.DatasetManifest;
import org.epnsj.runtime.io.Npy;
import org.epnsj.runtime.io.NpyArray;
import org.epnsj.runtime.io.OutputFolders;
import org.epnsj.runtime.io.PortablePaths;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.plugin.PluginRegistry;
import org.epnsj.runtime.plugin.RuntimeSettings;
import org.epnsj.runtime.rollout.EnsembleChunk;
import org.epnsj.runtime.rollout.EnsembleNoise;
import org.epnsj.runtime.rollout.EnsembleRunner;
import org.epnsj.runtime.run.Checkpoints;
import org.epnsj.runtime.run.RunConfig;
import org.epnsj.runtime.run.RunDirectory;
import org.epnsj.runtime.run.RunProvenance;
import org.epnsj.runtime.training.EpnsTrainer;
import org.epnsj.runtime.training.TrainingListener;

/**
 * The application-level operations behind the command line: generate data, train, sample,
 * evaluate. Obtain it from a Guice injector built with {@link org.epnsj.runtime.plugin.EpnsModule}.
 */
public final class EpnsRuntime {

    private static final long SAMPLE_STREAM = 5;

    private final PluginRegistry plugins;
    private final RuntimeSettings settings;

    /** Creates the facade over the given plugins and defaults. */
    @Inject
    public EpnsRuntime(PluginRegistry plugins, RuntimeSettings settings) {
        this.plugins = plugins;
        this.settings = settings;
    }

    /** The plugins. */
    public PluginRegistry plugins() {
        return plugins;
    }

    /** The engine, device and dtype used for new runs. */
    public RuntimeSettings settings() {
        return settings;
    }

    /** Writes a data set of the named preset into {@code out}. */
    public DatasetManifest generate(String domainId, String preset, long seed, Path out, Consumer<String> progress)
            throws IOException {
        DomainProvider domain = plugins.domain(domainId);
        requirePreset(domain, preset);
        return DatasetGenerator.generate(domain, preset, seed, out, progress);
    }

    private static void requirePreset(DomainProvider domain, String preset) {
        domain.requirePreset(preset);
    }

    /** The named model, or the domain's default (its first description) when none is named. */
    private static String requireModel(DomainProvider domain, String model) {
        return model == null ? domain.modelDescriptions().get(0).name() : domain.modelDescription(model).name();
    }

    /**
     * Trains a model; writes {@code config.json}, {@code provenance.json}, checkpoints and metrics
     * into the run folder.
     *
     * @throws IOException for unreadable data or an unwritable run folder (the message names it)
     * @throws IllegalArgumentException for unknown domain, model or preset, or a run folder that
     *     already holds a run without {@code resume}
     */
    public EpnsTrainer.Outcome train(TrainRequest request, TrainingListener listener, BooleanSupplier stop)
            throws IOException {
        DomainProvider domain = plugins.domain(request.domain());
        String modelName = requireModel(domain, request.model());
        DatasetFolder data = DatasetFolder.open(request.data(), domain.codec());
        // Without --preset: the preset the data was generated with, else the domain's first.
        String preset = request.preset() != null ? request.preset()
                : data.manifest().map(DatasetManifest::preset).filter(domain.presets()::contains)
                        .orElse(domain.presets().get(0));
        requirePreset(domain, preset);
        List<Trajectory> train = data.read("train");
        List<Trajectory> validation = data.splits().contains("val") ? data.read("val") : List.of();

        RunDirectory run;
        RunConfig config;
        if (request.resume()) {
            run = RunDirectory.open(request.runDirectory());
            config = run.readConfig();
            if (!Files.exists(run.lastCheckpoint())) {
                throw new IOException(run.root() + " has no checkpoint to resume from; start it again without --resume");
            }
            if (request.epochs() != null) {
                config = config.withTraining(config.training().withEpochs(request.epochs()));
            }
        } else {
            if (Files.exists(request.runDirectory().resolve("config.json"))) {
                throw new IllegalArgumentException("run folder " + request.runDirectory()
                        + " already holds a run; continue it with --resume or choose another --out");
            }
            TrainingConfig training = request.config() != null ? request.config() : domain.trainingConfig(modelName, preset);
            if (request.epochs() != null) {
                training = training.withEpochs(request.epochs());
            }
            if (request.seed() != null) {
                training = training.withSeed(request.seed());
            }
            config = new RunConfig(domain.id(), modelName, preset,
                    PortablePaths.relative(request.runDirectory(), request.data()), settings.engine(),
                    settings.device().name().toLowerCase(Locale.ROOT), dtypeName(settings.dataType()), training,
                    Double.NaN);
            run = RunDirectory.create(request.runDirectory());
        }
        try (NDManager manager = Engines.newManager(config.engine(), DeviceKind.parse(config.device()))) {
            TransitionModel model = domain.createModel(config.model(), config.preset(),
                    new ModelContext(manager, parseDtype(config.dataType()), config.training().seed()));
            if (!request.resume()) {
                // Written once the model exists: its KL scale completes the record, and a model that cannot be
                // built leaves no run behind that --resume would meet.
                config = config.withKlWeightPerNat(config.training().klAnnealing().betaMax() * model.klScale());
                run.writeConfig(config);
            }
            try (EpnsTrainer trainer = new EpnsTrainer(model, config.training(), train, validation)) {
                trainer.listener(listener).stopWhen(stop).saveTo(run);
                if (request.resume()) {
                    // Before anything is written: a checkpoint that cannot be read leaves the run as it was.
                    trainer.resumeFrom(run.lastCheckpoint());
                    run.truncateMetricsAfter(trainer.nextEpoch() - 1);
                }
                RunProvenance provenance = RunProvenance.collect(domain, plugins.symmetry(domain.symmetryId()),
                        manager.getEngine(), manager.getDevice().toString(), config);
                org.epnsj.runtime.run.Json.write(run.provenanceFile(), provenance);
                return trainer.fit();
            }
        }
    }

    static String dtypeName(DataType t) {
        return t == DataType.FLOAT64 ? "float64" : "float32";
    }

    static DataType parseDtype(String s) {
        return switch (s) {
            case "float64" -> DataType.FLOAT64;
            case "float32" -> DataType.FLOAT32;
            default -> throw new IllegalArgumentException("unknown dtype '" + s + "'; use float32 or float64");
        };
    }

    /**
     * Loads a trained model from a run folder.
     *
     * @param which {@code best} (falls back to {@code last} when absent) or {@code last}
     */
    public LoadedRun load(Path runDirectory, String which) throws IOException {
        RunDirectory run = RunDirectory.open(runDirectory);
        RunConfig config = run.readConfig();
        DomainProvider domain = plugins.domain(config.domain());
        Path checkpoint = switch (which) {
            case "best" -> Files.exists(run.bestCheckpoint()) ? run.bestCheckpoint() : run.lastCheckpoint();
            case "last" -> run.lastCheckpoint();
            default -> throw new IllegalArgumentException("unknown checkpoint '" + which + "'; use best or last");
        };
        if (!Files.exists(checkpoint)) {
            throw new IOException(run.root() + " has no checkpoint yet: train it first");
        }
        NDManager manager = Engines.newManager(config.engine(), DeviceKind.parse(config.device()));
        try {
            TransitionModel model = domain.createModel(config.model(), config.preset(),
                    new ModelContext(manager, parseDtype(config.dataType()), config.training().seed()));
            Checkpoints.State state = Checkpoints.load(checkpoint, model, null);
            return new LoadedRun(run, config, domain, model, manager, state.epoch());
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Samples rollouts from every trajectory of a split and writes them as one {@code .npy} array of
     * shape (trajectories, samples, steps + 1, frame shape...).
     *
     * @return the array's shape
     */
    public long[] sample(Path runDirectory, Path dataFolder, String split, int steps, int samples, long seed, Path out,
            Consumer<Integer> progress) throws IOException {
        return sample(runDirectory, dataFolder, split, steps, samples, seed, out, progress, null);
    }

    /**
     * As {@link #sample(Path, Path, String, int, int, long, Path, Consumer)}, with the ensembles computed by
     * {@code runner} (which must use the run's best checkpoint and readout), or here when it is null. The
     * ensemble of start state i has the seed {@code SeededNoise.mix(seed, 5, i)} and is drawn chunk by chunk
     * ({@link EnsembleNoise}), so the numbers do not depend on who computes which chunk.
     */
    public long[] sample(Path runDirectory, Path dataFolder, String split, int steps, int samples, long seed, Path out,
            Consumer<Integer> progress, EnsembleRunner runner) throws IOException {
        if (steps < 1 || samples < 1) {
            throw new IllegalArgumentException("--steps and --samples must be >= 1");
        }
        RunConfig config = RunDirectory.open(runDirectory).readConfig();
        DatasetFolder data = DatasetFolder.open(dataFolder, plugins.domain(config.domain()).codec());
        List<Trajectory> starts = data.read(split);
        if (starts.isEmpty()) {
            throw new IllegalArgumentException("split '" + split + "' of " + dataFolder + " has no trajectories");
        }
        long[] frameShape = starts.get(0).frameShape();
        int frameSize = starts.get(0).frameSize();
        long total = (long) starts.size() * samples * (steps + 1) * frameSize;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(starts.size() + " trajectories x " + samples + " samples x "
                    + (steps + 1) + " frames of " + frameSize + " values is " + total + " values, more than one "
                    + "array holds; ask for fewer --samples or --steps");
        }
        List<List<EnsembleChunk>> chunks = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            chunks.add(EnsembleChunk.split(starts.get(i).frame(0), starts.get(i).frameShape(), steps, samples,
                    SeededNoise.mix(seed, SAMPLE_STREAM, i)));
        }
        List<List<Trajectory>> rollouts = new ArrayList<>();
        if (runner == null) {
            try (LoadedRun loaded = load(runDirectory, "best")) {
                EnsembleRunner here = EnsembleRunner.local(loaded.model(), loaded.config().training().rolloutReadout(),
                        loaded.manager(), n -> { });
                for (int i = 0; i < starts.size(); i++) {
                    rollouts.add(EnsembleRunner.join(chunks.get(i), here.run(chunks.get(i))));
                    if (progress != null) {
                        progress.accept(i + 1);
                    }
                }
            }
        } else {
            List<EnsembleChunk> all = chunks.stream().flatMap(List::stream).toList();
            List<EnsembleChunk.Result> results = runner.run(all);
            int next = 0;
            for (List<EnsembleChunk> c : chunks) {
                rollouts.add(EnsembleRunner.join(c, results.subList(next, next + c.size())));
                next += c.size();
            }
            if (progress != null) {
                progress.accept(starts.size());
            }
        }
        float[] values = new float[(int) total];
        int offset = 0;
        for (List<Trajectory> ensemble : rollouts) {
            for (Trajectory r : ensemble) {
                for (int t = 0; t <= steps; t++) {
                    r.copyFrame(t, values, offset);
                    offset += frameSize;
                }
            }
        }
        long[] shape = new long[frameShape.length + 3];
        shape[0] = starts.size();
        shape[1] = samples;
        shape[2] = steps + 1;
        System.arraycopy(frameShape, 0, shape, 3, frameShape.length);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            OutputFolders.create(parent);
        }
        Npy.write(out, NpyArray.ofFloats(shape, values));
        return shape;
    }

    /**
     * Evaluates a trained model: the generic teacher-forced negative ELBO on the test split and the
     * domain's own metrics, with provenance.
     */
    public Map<String, Object> evaluate(Path runDirectory, Path dataFolder, String checkpoint, long seed)
            throws IOException {
        return evaluate(runDirectory, dataFolder, checkpoint, seed, null, n -> { });
    }

    /**
     * As {@link #evaluate(Path, Path, String, long)}, with the rollouts' readout replaced by {@code
     * readout} unless it is null, reporting to {@code progress} the number of model transitions computed
     * (rollout states advanced, teacher-forced transitions scored) as they are done.
     */
    public Map<String, Object> evaluate(Path runDirectory, Path dataFolder, String checkpoint, long seed,
            Readout readout, LongConsumer progress) throws IOException {
        return evaluate(runDirectory, dataFolder, checkpoint, seed, readout, progress, null);
    }

    /**
     * As {@link #evaluate(Path, Path, String, long, Readout, LongConsumer)}, with the rollout ensembles of
     * more than one chunk ({@link EnsembleNoise#CHUNK} members) computed by {@code remote}, which must use
     * the same checkpoint and readout; null computes everything here. The numbers are the same either way.
     */
    public Map<String, Object> evaluate(Path runDirectory, Path dataFolder, String checkpoint, long seed,
            Readout readout, LongConsumer progress, EnsembleRunner remote) throws IOException {
        try (LoadedRun loaded = load(runDirectory, checkpoint)) {
            DatasetFolder data = DatasetFolder.open(dataFolder, loaded.domain().codec());
            RunEvaluation context = new RunEvaluation(loaded, data, seed, readout, progress, remote);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("domain", loaded.config().domain());
            report.put("model", loaded.config().model());
            report.put("checkpointEpoch", loaded.epoch());
            report.put("metrics", domainMetrics(loaded.domain(), context));
            Map<String, Object> provenance = new LinkedHashMap<>();
            // The run by its folder's name, the data relative to the run folder: nothing of this machine.
            provenance.put("run", runDirectory.toAbsolutePath().normalize().getFileName().toString());
            provenance.put("data", PortablePaths.relative(runDirectory, dataFolder));
            provenance.put("dataManifest", data.manifest().orElse(null));
            provenance.put("engine", loaded.manager().getEngine().getEngineName());
            provenance.put("device", loaded.manager().getDevice().toString());
            provenance.put("evaluationSeed", seed);
            provenance.put("rolloutReadout", context.config().rolloutReadout().name().toLowerCase(Locale.ROOT));
            provenance.put("gitCommit", RunProvenance.gitDescribe());
            provenance.put("config", loaded.config());
            report.put("provenance", provenance);
            return report;
        }
    }

    /**
     * The domain's metrics, checked against what its evaluator declares.
     *
     * @throws IllegalStateException naming each metric reported but not declared, or declared but not reported
     */
    static Map<String, Object> domainMetrics(DomainProvider domain, EvaluationContext context) {
        DomainEvaluator evaluator = domain.evaluator();
        Map<String, Object> metrics = evaluator.evaluate(context);
        MetricDeclarations.check("the evaluator of domain '" + domain.id() + "'", evaluator.metrics(), metrics);
        return metrics;
    }
}
