package org.epnsj.runtime.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.epnsj.api.data.DatasetPreset;
import org.epnsj.api.data.GroundTruthSimulator;
import org.epnsj.api.data.SplitSpec;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.data.TrajectoryCodec;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.spi.DomainProvider;

/**
 * Generates a data set with a domain's ground-truth simulator into a {@link DatasetFolder}.
 *
 * <p>Every trajectory has its own {@link SplittableRandom}, so the output depends only on the
 * seed, never on thread scheduling. Trajectory {@code i} of split {@code s} uses stream
 * {@code i + 1}; stream 0 is the split's own generator, which draws the shared initial state of a
 * split with {@link SplitSpec#sharedInitialState()}. The seed of stream {@code k} is
 * <pre>
 *   mix64(mix64(seed ^ fnv1a64(utf8(s))) + k * 0x9E3779B97F4A7C15)
 * </pre>
 * where {@code mix64} is SplitMix64's finaliser (Stafford's variant 13) and {@code fnv1a64} the
 * 64-bit FNV-1a hash. A trajectory draws its initial state (unless shared) and then its noise from
 * that one generator.
 */
public final class DatasetGenerator {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private DatasetGenerator() {}

    /**
     * Generates every split of {@code domain.datasetPreset(preset)} into {@code outDir}: files
     * {@code <split>/000000<ext>}, {@code 000001<ext>}, ... written with {@code domain.codec()},
     * then {@code dataset.json} last, so a folder with a manifest is complete. Runs on up to two
     * threads; the output is identical to a serial run.
     *
     * <p>If {@code outDir} already holds exactly a complete generation with the same manifest
     * (apart from its creation time), this is a no-op that returns the existing manifest.
     *
     * @param domain the domain whose simulator, presets and codec to use
     * @param preset one of {@code domain.presets()}
     * @param seed the generator seed
     * @param outDir the data folder; created if missing, else it must be empty
     * @param progress called after each written file with a line such as
     *     {@code "wrote train/000003.npy (4/30)"}; may be null. Calls come from worker threads, one
     *     at a time
     * @return the manifest written (or found)
     * @throws FileAlreadyExistsException if {@code outDir} is not empty and does not hold this very
     *     generation; the message says what it holds
     * @throws IllegalArgumentException if the domain has no such preset
     */
    public static DatasetManifest generate(DomainProvider domain, String preset, long seed, Path outDir,
            Consumer<String> progress) throws IOException {
        return generate(domain, preset, seed, outDir, progress, Clock.systemUTC(),
                Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    /** {@link #generate(DomainProvider, String, long, Path, Consumer)} with a clock and thread count. */
    static DatasetManifest generate(DomainProvider domain, String preset, long seed, Path outDir,
            Consumer<String> progress, Clock clock, int threads) throws IOException {
        Plan plan = plan(domain, preset, seed, outDir, clock);
        if (plan.complete()) {
            return plan.manifest();
        }
        Runner runner = new Runner(domain, preset, seed, outDir, progress, plan.trajectories().size());
        run(plan.trajectories(), runner, threads);
        finish(plan, outDir);
        return plan.manifest();
    }

    /**
     * Prepares a generation without simulating anything, for callers that write the trajectories
     * themselves (in any order, on any machine, with {@link Writer}) and then call {@link #finish}:
     * checks {@code outDir} as {@link #generate} does and creates the split folders.
     *
     * @return the manifest to write last and every trajectory to write; {@code complete} if
     *     {@code outDir} already holds exactly this generation (then nothing is to be written)
     * @throws FileAlreadyExistsException as {@link #generate}
     */
    public static Plan plan(DomainProvider domain, String preset, long seed, Path outDir) throws IOException {
        return plan(domain, preset, seed, outDir, Clock.systemUTC());
    }

    private static Plan plan(DomainProvider domain, String preset, long seed, Path outDir, Clock clock)
            throws IOException {
        if (!domain.presets().contains(preset)) {
            throw new IllegalArgumentException("domain '" + domain.id() + "' has no preset '" + preset
                    + "'; its presets are " + domain.presets());
        }
        DatasetPreset sizes = domain.datasetPreset(preset);
        GroundTruthSimulator simulator = domain.simulator(preset);
        String extension = domain.codec().fileExtension();
        DatasetManifest manifest = new DatasetManifest(domain.id(), domain.version(), preset, seed,
                simulator.parameters(), sizes.splits(),
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());

        DatasetManifest existing = checkTarget(outDir, manifest, extension);
        if (existing != null) {
            return new Plan(existing, List.of(), true);
        }

        OutputFolders.create(outDir);
        List<TrajectoryRef> trajectories = new ArrayList<>();
        for (Map.Entry<String, SplitSpec> e : manifest.splits().entrySet()) {
            Files.createDirectories(outDir.resolve(e.getKey()));
            for (int i = 0; i < e.getValue().trajectories(); i++) {
                trajectories.add(new TrajectoryRef(e.getKey(), i));
            }
        }
        return new Plan(manifest, List.copyOf(trajectories), false);
    }

    /** Writes the plan's manifest, which marks the folder complete: call it once every trajectory is written. */
    public static void finish(Plan plan, Path outDir) throws IOException {
        plan.manifest().write(outDir.resolve(DatasetManifest.FILE_NAME));
    }

    /**
     * A generation: the manifest, the trajectories to write, and whether the folder already held it.
     *
     * @param manifest the manifest ({@link #finish} writes it)
     * @param trajectories every trajectory, in file order; empty when {@code complete}
     * @param complete the folder already holds this generation
     */
    public record Plan(DatasetManifest manifest, List<TrajectoryRef> trajectories, boolean complete) {}

    /**
     * One trajectory of a generation: its split and index (file {@code split/000042.npy}).
     *
     * @param split the split's name
     * @param index the trajectory's index in the split, from 0
     */
    public record TrajectoryRef(String split, int index) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        /** The file's path relative to the data folder, e.g. {@code train/000003.npy}. */
        public String relativePath(String extension) {
            return split + "/" + fileName(index, extension);
        }
    }

    /**
     * Simulates and writes single trajectories of one generation. A trajectory depends only on the
     * seed, its split and its index, so any number of writers in any processes, in any order, write
     * the same files as {@link #generate}. Each file appears complete or not at all: the codec writes
     * a hidden temporary file, which is renamed into place in one step, and a failure removes it.
     * Not thread-safe: one per thread.
     */
    public static final class Writer {
        private final DomainProvider domain;
        private final long seed;
        private final Path outDir;
        private final DatasetPreset sizes;
        private final GroundTruthSimulator simulator;
        private final TrajectoryCodec codec;
        private final Map<String, DoubleTensor> sharedInitial = new HashMap<>();

        /** A writer of trajectories of {@code domain}'s {@code preset} with {@code seed} into {@code outDir}. */
        public Writer(DomainProvider domain, String preset, long seed, Path outDir) {
            this.domain = domain;
            this.seed = seed;
            this.outDir = outDir;
            this.sizes = domain.datasetPreset(preset);
            this.simulator = domain.simulator(preset);
            this.codec = domain.codec();
        }

        /**
         * Simulates trajectory {@code t} and writes it; a file already there is replaced (with the same bytes,
         * when it came from this generation).
         *
         * @return the file's path relative to the data folder
         */
        public String write(TrajectoryRef t) throws IOException {
            SplitSpec spec = sizes.splits().get(t.split());
            if (spec == null || t.index() < 0 || t.index() >= spec.trajectories()) {
                throw new IllegalArgumentException("trajectory " + t + " is not part of this generation; splits "
                        + sizes.splits().keySet());
            }
            String name = t.relativePath(codec.fileExtension());
            SplittableRandom rng = new SplittableRandom(streamSeed(seed, t.split(), t.index() + 1L));
            Trajectory trajectory;
            try {
                DoubleTensor shared = spec.sharedInitialState() ? sharedInitial.computeIfAbsent(t.split(),
                        s -> simulator.initialState(new SplittableRandom(streamSeed(seed, s, 0)))) : null;
                DoubleTensor initial = shared == null ? simulator.initialState(rng)
                        // A copy, so a simulator that writes into its input cannot affect other trajectories.
                        : new DoubleTensor(shared.shape(), shared.data().clone());
                trajectory = simulator.simulate(initial, spec.frames(), rng);
            } catch (RuntimeException e) {
                throw new IllegalStateException("the simulator of domain '" + domain.id() + "' failed on "
                        + name + ": " + e.getMessage(), e);
            }
            if (trajectory.length() != spec.frames()) {
                throw new IllegalStateException("the simulator of domain '" + domain.id() + "' returned "
                        + trajectory.length() + " frames for " + name + ", expected " + spec.frames());
            }
            writeAtomically(outDir.resolve(t.split()), fileName(t.index(), codec.fileExtension()), trajectory);
            return name;
        }

        private void writeAtomically(Path dir, String fileName, Trajectory trajectory) throws IOException {
            Path target = dir.resolve(fileName);
            // Same folder (so the rename is atomic) and same extension (codecs may check it); hidden and unique.
            Path temp = dir.resolve("." + fileName + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()
                    & Long.MAX_VALUE) + ".partial" + codec.fileExtension());
            boolean moved = false;
            try {
                codec.write(temp, trajectory);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                moved = true;
            } finally {
                if (!moved) {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }

    /** The seed of stream {@code stream} of {@code split}; see the class comment. */
    static long streamSeed(long seed, String split, long stream) {
        long h = 0xcbf29ce484222325L;
        for (byte b : split.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix64(mix64(seed ^ h) + stream * GOLDEN);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static String fileName(int index, String extension) {
        return String.format(Locale.ROOT, "%06d", index) + extension;
    }

    /**
     * Returns null if {@code outDir} is missing or empty, the existing manifest if it holds exactly
     * this generation, else throws saying what is in the way.
     */
    private static DatasetManifest checkTarget(Path outDir, DatasetManifest manifest, String extension)
            throws IOException {
        if (!Files.exists(outDir)) {
            return null;
        }
        if (!Files.isDirectory(outDir)) {
            throw new FileAlreadyExistsException(outDir.toString(), null, "is a file, not a data folder");
        }
        if (list(outDir).isEmpty()) {
            return null;
        }
        String advice = "; delete it or choose another folder";
        Path manifestFile = outDir.resolve(DatasetManifest.FILE_NAME);
        if (!Files.exists(manifestFile)) {
            throw new FileAlreadyExistsException(outDir.toString(), null, "the folder is not empty and has no "
                    + DatasetManifest.FILE_NAME + " (an unfinished generation or other files)" + advice);
        }
        DatasetManifest existing = DatasetManifest.read(manifestFile);
        if (!existing.sameGenerationAs(manifest)) {
            throw new FileAlreadyExistsException(outDir.toString(), null, "the folder already holds a data set"
                    + " generated with other settings (domain " + existing.domainId() + " "
                    + existing.domainVersion() + ", preset " + existing.preset() + ", seed " + existing.seed()
                    + "; asked for domain " + manifest.domainId() + " " + manifest.domainVersion() + ", preset "
                    + manifest.preset() + ", seed " + manifest.seed() + ")" + advice);
        }
        String problem = differences(outDir, manifest, extension);
        if (problem != null) {
            throw new FileAlreadyExistsException(outDir.toString(), null, "the folder holds this generation's "
                    + DatasetManifest.FILE_NAME + " but " + problem + advice);
        }
        return existing;
    }

    /** The first way the folder differs from a complete generation of {@code manifest}, or null. */
    private static String differences(Path outDir, DatasetManifest manifest, String extension) throws IOException {
        Set<String> expected = new HashSet<>(manifest.splits().keySet());
        expected.add(DatasetManifest.FILE_NAME);
        for (String name : list(outDir)) {
            if (!expected.contains(name)) {
                return "also '" + name + "'";
            }
        }
        for (Map.Entry<String, SplitSpec> e : manifest.splits().entrySet()) {
            Path dir = outDir.resolve(e.getKey());
            if (!Files.isDirectory(dir)) {
                return "split folder '" + e.getKey() + "' is missing";
            }
            Set<String> files = new HashSet<>();
            for (int i = 0; i < e.getValue().trajectories(); i++) {
                files.add(fileName(i, extension));
            }
            List<String> present = list(dir);
            if (!new HashSet<>(present).equals(files)) {
                return "split '" + e.getKey() + "' holds " + present.size() + " entries, expected the "
                        + files.size() + " trajectory files";
            }
        }
        return null;
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Writes trajectories on worker threads; holds what every one shares. */
    private static final class Runner {
        private final Consumer<String> progress;
        private final int total;
        // The api does not promise that simulators or codecs are thread-safe: a writer per thread.
        private final ThreadLocal<Writer> writer;
        private int done;

        Runner(DomainProvider domain, String preset, long seed, Path outDir, Consumer<String> progress, int total) {
            this.progress = progress;
            this.total = total;
            this.writer = ThreadLocal.withInitial(() -> new Writer(domain, preset, seed, outDir));
        }

        void run(TrajectoryRef job) throws IOException {
            String name = writer.get().write(job);
            synchronized (this) {
                done++;
                if (progress != null) {
                    progress.accept("wrote " + name + " (" + done + "/" + total + ")");
                }
            }
        }
    }

    private static void run(List<TrajectoryRef> jobs, Runner runner, int threads) throws IOException {
        if (threads <= 1 || jobs.size() <= 1) {
            try {
                for (TrajectoryRef job : jobs) {
                    runner.run(job);
                }
            } finally {
                runner.writer.remove(); // the caller's thread lives on; do not pin the simulator to it
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dataset-generator");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (TrajectoryRef job : jobs) {
                futures.add(pool.submit(() -> {
                    runner.run(job);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            } else if (cause instanceof RuntimeException re) {
                throw re;
            } else if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("data-set generation was interrupted");
        } finally {
            pool.shutdownNow();
            try {
                // Let running jobs stop so no file is written after this method returns.
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
