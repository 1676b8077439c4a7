package org.epnsj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.TrajectoryCodec;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.app.TrainRequest;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.io.DatasetFolder;
import org.epnsj.runtime.run.Checkpoints;
import org.epnsj.runtime.run.Json;
import org.epnsj.runtime.run.RunConfig;
import org.epnsj.runtime.training.AdamOptimizer;
import org.epnsj.runtime.training.Parameters;
import org.epnsj.runtime.training.TrainingListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile inputs: seeded mutations of {@code .npy} files, checkpoints and {@code dataset.json}
 * (truncation, bit flips, huge declared shapes, wrong dtypes, bad JSON, values a checksum still
 * vouches for) given to the readers the commands use, and a sample of them to the commands
 * themselves. Every one must either load or fail with an {@link IOException} whose message is one line
 * naming the file and the problem, within a time bound, allocating far less than the declared sizes,
 * and leaving no output behind. Mutant {@code i} of a kind comes from {@code new
 * SplittableRandom(SEED + i)}, so a failure is replayed from the index it reports.
 */
class HostileInputFuzzTest {

    private static final long SEED = 20_261_205L;
    /** Mutants per file kind in the default suite; the slow tier runs {@link #SLOW_COUNT}. */
    private static final int COUNT = 2_000;
    private static final int SLOW_COUNT = 30_000;
    /** Mutants per command in the in-process command-line sample. */
    private static final int COMMAND_COUNT = 6;
    /** Far above what reading these kilobyte files needs, far below any declared huge shape. */
    private static final long ALLOCATION_LIMIT = 32L << 20;
    private static final Duration PER_FILE = Duration.ofSeconds(10);
    /** Raw Java failures that must never be a user's error message. */
    private static final Pattern RAW = Pattern.compile("NullPointer|IndexOutOfBounds|NegativeArraySize|ClassCast"
            + "|IllegalState|UnsupportedOperation|NumberFormat|ArithmeticException|OutOfMemory|StackOverflow"
            + "|java\\.lang|com\\.google|\\tat ");

    @TempDir
    static Path dir;

    static EpnsRuntime runtime;
    static Path data;
    static Path run;
    static final Map<String, byte[]> NPY_BASES = new LinkedHashMap<>();
    static final Map<String, TrajectoryCodec> CODECS = new LinkedHashMap<>();
    static NDManager manager;

    @BeforeAll
    static void createInputs() throws Exception {
        runtime = RuntimeOptions.defaultRuntime();
        data = dir.resolve("data");
        runtime.generate("linear-gaussian", "tiny", 1, data, null);
        run = dir.resolve("run");
        runtime.train(new TrainRequest("linear-gaussian", null, "tiny", data, run, 1, null, false),
                TrainingListener.NONE, () -> false);
        SplittableRandom rnd = new SplittableRandom(SEED);
        // A file of every domain's layout: n-body (bodies, 7, T) float32, cells (T + 1, H, W, 2) int32, (T, 2).
        float[] bodies = new float[11 * 5 * 7];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = i % 7 == 0 ? 1f : (float) rnd.nextGaussian();
        }
        float[] cells = new float[4 * 6 * 6 * 2];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = i % 2 == 0 ? rnd.nextInt(5) : 1 + rnd.nextInt(2);
        }
        addBase("nbody", new FloatTrajectory(new long[] {5, 7}, 11, bodies));
        addBase("cellular", new FloatTrajectory(new long[] {6, 6, 2}, 4, cells));
        NPY_BASES.put("linear-gaussian", Files.readAllBytes(data.resolve("train").resolve("000000.npy")));
        CODECS.put("linear-gaussian", runtime.plugins().domain("linear-gaussian").codec());
        manager = Engines.newManager("mxnet", DeviceKind.CPU);
    }

    private static void addBase(String domain, FloatTrajectory trajectory) throws IOException {
        TrajectoryCodec codec = runtime.plugins().domain(domain).codec();
        Path file = dir.resolve(domain + ".npy");
        codec.write(file, trajectory);
        NPY_BASES.put(domain, Files.readAllBytes(file));
        CODECS.put(domain, codec);
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    @Test
    void mutatedNpyFilesLoadOrFailWithOneLineNamingTheFile() {
        fuzzNpy(COUNT);
    }

    @Test
    void mutatedCheckpointsLoadOrFailWithOneLineAndLeaveTheModelAsItWas() throws Exception {
        fuzzCheckpoints(COUNT);
    }

    @Test
    void mutatedDatasetManifestsLoadOrFailWithOneLineNamingTheFile() throws Exception {
        fuzzManifests(COUNT);
    }

    @Test
    @Tag("slow")
    void manyMoreMutantsOfEveryKind() throws Exception {
        fuzzNpy(SLOW_COUNT);
        fuzzCheckpoints(SLOW_COUNT);
        fuzzManifests(SLOW_COUNT);
    }

    private void fuzzNpy(int count) {
        Path file = dir.resolve("fuzz").resolve("000000.npy");
        List<String> domains = new ArrayList<>(NPY_BASES.keySet());
        Outcomes outcomes = new Outcomes("npy");
        assertTimeoutPreemptively(Duration.ofSeconds(30 + count / 20), () -> {
            Files.createDirectories(file.getParent());
            for (int i = 0; i < count; i++) {
                String domain = domains.get(i % domains.size());
                Mutations.Mutant m = Mutations.npy(NPY_BASES.get(domain), new SplittableRandom(SEED + i));
                put(file, m.bytes());
                outcomes.check(i, domain + ": " + m.description(), file, () -> CODECS.get(domain).read(file));
            }
        });
        outcomes.assertClean(count);
    }

    private void fuzzCheckpoints(int count) throws Exception {
        RunConfig config = Json.read(run.resolve("config.json"), RunConfig.class);
        DomainProvider domain = runtime.plugins().domain("linear-gaussian");
        TransitionModel model = domain.createModel(config.model(), config.preset(),
                new ModelContext(manager, DataType.FLOAT32, 1));
        byte[] base = Files.readAllBytes(run.resolve("checkpoints").resolve("last.ckpt"));
        Path file = dir.resolve("fuzz").resolve("last.ckpt");
        Files.createDirectories(file.getParent());
        Outcomes outcomes = new Outcomes("checkpoint");
        try (AdamOptimizer optimizer = new AdamOptimizer(model.parameters(), config.training().adam())) {
            Path original = run.resolve("checkpoints").resolve("last.ckpt");
            Checkpoints.load(original, model, optimizer);
            List<double[]> saved = values(model.parameters(), optimizer.state());
            assertTimeoutPreemptively(Duration.ofSeconds(30 + count / 20), () -> {
                for (int i = 0; i < count; i++) {
                    Mutations.Mutant m = Mutations.checkpoint(base, new SplittableRandom(SEED + i));
                    put(file, m.bytes());
                    boolean loaded = outcomes.check(i, m.description(), file,
                            () -> Checkpoints.load(file, model, optimizer));
                    if (loaded) {
                        Checkpoints.load(original, model, optimizer); // the next mutant starts from the saved state
                    } else if (!equal(saved, values(model.parameters(), optimizer.state()))) {
                        outcomes.violation(i, m.description(), "a failed load changed the model or optimizer");
                    }
                }
            });
        }
        outcomes.assertClean(count);
    }

    private void fuzzManifests(int count) throws Exception {
        // A small copy of the data set: two trajectories per split, the manifest saying so.
        Path folder = Files.createTempDirectory(dir, "fuzz-data");
        byte[] base = smallCopy(data, folder, 2);
        Path file = folder.resolve("dataset.json");
        TrajectoryCodec codec = CODECS.get("linear-gaussian");
        Outcomes outcomes = new Outcomes("dataset.json");
        assertTimeoutPreemptively(Duration.ofSeconds(30 + count / 20), () -> {
            for (int i = 0; i < count; i++) {
                Mutations.Mutant m = Mutations.manifest(base, new SplittableRandom(SEED + i));
                put(file, m.bytes());
                outcomes.check(i, m.description(), file, () -> {
                    DatasetFolder opened = DatasetFolder.open(folder, codec);
                    for (String split : opened.manifest().orElseThrow().splits().keySet()) {
                        opened.read(split);
                    }
                    return opened;
                });
            }
        });
        outcomes.assertClean(count);
    }

    /**
     * A sample through the command classes in-process: a broken checkpoint for {@code evaluate} and
     * {@code train --resume}, a broken trajectory for {@code sample}, a broken manifest or trajectory
     * for a new {@code train}. A failure is one line on standard error, exit code 1, and leaves no
     * output: no report, no samples file, no new run folder, the resumed run's files unchanged.
     */
    @Test
    void theCommandsReportMutatedInputsInOneLineAndLeaveNoOutput() throws Exception {
        List<String> problems = new ArrayList<>();
        byte[] checkpoint = Files.readAllBytes(run.resolve("checkpoints").resolve("last.ckpt"));
        byte[] trajectory = Files.readAllBytes(data.resolve("test").resolve("000000.npy"));
        Path small = dir.resolve("cli-data");
        byte[] manifest = smallCopy(data, small, 4);
        int failures = 0;
        for (int i = 0; i < COMMAND_COUNT; i++) {
            SplittableRandom rnd = new SplittableRandom(SEED + 1_000_000 + i);

            Path evaluated = copyTree(run, dir.resolve("cli-eval-" + i));
            Mutations.Mutant m = failing(checkpoint, rnd, Mutations::checkpoint);
            Files.write(evaluated.resolve("checkpoints").resolve("best.ckpt"), m.bytes());
            Path report = dir.resolve("cli-eval-" + i + ".json");
            failures += expectOneLineFailure(problems, "evaluate, " + m.description(), "best.ckpt",
                    List.of(report), "evaluate", "--run", evaluated.toString(), "--data", small.toString(), "--json",
                    report.toString());

            Path resumed = copyTree(run, dir.resolve("cli-resume-" + i));
            m = failing(checkpoint, rnd, Mutations::checkpoint);
            Files.write(resumed.resolve("checkpoints").resolve("last.ckpt"), m.bytes());
            Map<Path, byte[]> files = snapshot(resumed);
            boolean failed = 1 == expectOneLineFailure(problems, "train --resume, " + m.description(), "last.ckpt",
                    List.of(), "train", "linear-gaussian", "--data", small.toString(), "--out", resumed.toString(),
                    "--resume", "--epochs", "2");
            failures += failed ? 1 : 0;
            if (failed && !sameFiles(files, snapshot(resumed))) {
                problems.add("train --resume, " + m.description() + ": the run folder changed");
            }

            Path sampleData = copyTree(small, dir.resolve("cli-sample-data-" + i));
            m = failing(trajectory, rnd, Mutations::npy);
            Files.write(sampleData.resolve("test").resolve("000000.npy"), m.bytes());
            Path samples = dir.resolve("cli-samples-" + i).resolve("samples.npy");
            failures += expectOneLineFailure(problems, "sample, " + m.description(), "000000.npy",
                    List.of(samples.getParent()), "sample", "--run", run.toString(), "--data", sampleData.toString(),
                    "--split", "test", "--steps", "2", "--out", samples.toString());

            Path trainData = copyTree(small, dir.resolve("cli-train-data-" + i));
            boolean breakManifest = i % 2 == 0;
            m = breakManifest ? failing(manifest, rnd, Mutations::manifest) : failing(trajectory, rnd, Mutations::npy);
            Files.write(breakManifest ? trainData.resolve("dataset.json")
                    : trainData.resolve("train").resolve("000001.npy"), m.bytes());
            Path newRun = dir.resolve("cli-train-" + i);
            failures += expectOneLineFailure(problems, "train, " + m.description(),
                    breakManifest ? "dataset.json" : "000001.npy", List.of(newRun), "train", "linear-gaussian",
                    "--data", trainData.toString(), "--out", newRun.toString(), "--epochs", "1");
        }
        assertThat(problems).isEmpty();
        // Harmless mutants pass through; most must not, or the sample tests nothing.
        assertThat(failures).as("command runs that failed, of %d", 4 * COMMAND_COUNT)
                .isGreaterThanOrEqualTo(3 * COMMAND_COUNT);
    }

    /** The next mutant that is not a single changed value, which a reader may rightly accept. */
    private static Mutations.Mutant failing(byte[] base, SplittableRandom rnd,
            BiFunction<byte[], SplittableRandom, Mutations.Mutant> mutate) {
        while (true) {
            Mutations.Mutant m = mutate.apply(base, rnd);
            if (!m.description().startsWith("value")) {
                return m;
            }
        }
    }

    /** Runs a command that should fail on a mutated input; returns 1 if it failed, else 0. */
    private static int expectOneLineFailure(List<String> problems, String what, String fileName,
            List<Path> absent, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EpnsCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        String message = err.toString().strip();
        if (code == 0) {
            return 0; // the mutant happened to be harmless (a flip in padding, a still finite value)
        }
        if (code != 1 || message.contains("\n") || !message.startsWith("epns: error: ")
                || RAW.matcher(message).find()) {
            problems.add(what + ": exit " + code + ", " + message);
        } else if (!message.contains(fileName) && !message.contains("dataset.json")) {
            problems.add(what + ": the message does not name " + fileName + ": " + message);
        }
        for (Path p : absent) {
            if (Files.exists(p)) {
                problems.add(what + ": left " + p + " behind");
            }
        }
        return 1;
    }

    /** Checks outcomes and gathers every violation with the index that replays it. */
    private static final class Outcomes {
        private final String kind;
        private final List<String> violations = new ArrayList<>();
        private int loaded;

        Outcomes(String kind) {
            this.kind = kind;
        }

        /** Runs one read; returns whether it loaded. */
        boolean check(int index, String description, Path file, Callable<?> read) {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long allocated = threads.getCurrentThreadAllocatedBytes();
            long started = System.nanoTime();
            boolean ok = false;
            try {
                read.call();
                loaded++;
                ok = true;
            } catch (IOException e) {
                String message = String.valueOf(e.getMessage());
                if (message.contains("\n") || message.contains("\r")) {
                    violation(index, description, "message of several lines: " + message);
                } else if (!message.contains(file.getFileName().toString())) {
                    violation(index, description, "message does not name the file: " + message);
                } else if (RAW.matcher(message).find() || message.length() > 600) {
                    violation(index, description, "raw or overlong message: " + message);
                }
            } catch (Throwable t) {
                violation(index, description, t.getClass().getName() + ": " + t.getMessage());
            }
            long bytes = threads.getCurrentThreadAllocatedBytes() - allocated;
            if (bytes > ALLOCATION_LIMIT) {
                violation(index, description, "allocated " + bytes + " bytes for a file of "
                        + file.toFile().length());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (took.compareTo(PER_FILE) > 0) {
                violation(index, description, "took " + took);
            }
            return ok;
        }

        void violation(int index, String description, String problem) {
            violations.add(kind + " mutant " + index + " (" + shorten(description) + "): " + shorten(problem));
        }

        void assertClean(int count) {
            assertThat(violations).as("%d of %d %s mutants loaded", loaded, count, kind).isEmpty();
            // Most mutants must fail: a reader that accepted everything would pass the checks above.
            assertThat(loaded).as("%s mutants that loaded", kind).isLessThan(count / 2);
        }
    }

    /**
     * Writes a new file in place of the old one: truncating an existing file makes ext4 flush it on
     * close (auto_da_alloc), twenty times slower.
     */
    private static void put(Path file, byte[] bytes) throws IOException {
        Files.deleteIfExists(file);
        Files.write(file, bytes);
    }

    private static String shorten(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static List<double[]> values(Map<String, NDArray> parameters, Map<String, NDArray> state) {
        List<double[]> out = new ArrayList<>();
        parameters.values().forEach(a -> out.add(Parameters.values(a)));
        state.values().forEach(a -> out.add(Parameters.values(a)));
        return out;
    }

    private static boolean equal(List<double[]> a, List<double[]> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Copies {@code n} trajectories of every split and a manifest that says so; returns the manifest's bytes. */
    private static byte[] smallCopy(Path source, Path target, int n) throws IOException {
        com.google.gson.JsonObject manifest = com.google.gson.JsonParser.parseString(
                Files.readString(source.resolve("dataset.json"))).getAsJsonObject();
        for (String split : manifest.getAsJsonObject("splits").keySet()) {
            Files.createDirectories(target.resolve(split));
            for (int k = 0; k < n; k++) {
                String name = String.format("%06d.npy", k);
                Files.copy(source.resolve(split).resolve(name), target.resolve(split).resolve(name));
            }
            manifest.getAsJsonObject("splits").getAsJsonObject(split).addProperty("trajectories", n);
        }
        byte[] bytes = new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(manifest)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(target.resolve("dataset.json"), bytes);
        return bytes;
    }

    private static Path copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }

    private static Map<Path, byte[]> snapshot(Path folder) throws IOException {
        Map<Path, byte[]> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                out.put(folder.relativize(p), Files.isDirectory(p) ? new byte[0] : Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static boolean sameFiles(Map<Path, byte[]> a, Map<Path, byte[]> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
    }
}
