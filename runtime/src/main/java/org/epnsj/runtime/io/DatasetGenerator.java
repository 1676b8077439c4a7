package org.epnsj.runtime.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
            return existing;
        }

        OutputFolders.create(outDir);
        List<Job> jobs = new ArrayList<>();
        for (Map.Entry<String, SplitSpec> e : manifest.splits().entrySet()) {
            String split = e.getKey();
            SplitSpec spec = e.getValue();
            Files.createDirectories(outDir.resolve(split));
            DoubleTensor shared = spec.sharedInitialState() && spec.trajectories() > 0
                    ? simulator.initialState(new SplittableRandom(streamSeed(seed, split, 0))) : null;
            for (int i = 0; i < spec.trajectories(); i++) {
                jobs.add(new Job(split, i, spec.frames(), shared, fileName(i, extension)));
            }
        }
        Runner runner = new Runner(domain, preset, seed, outDir, progress, jobs.size());
        run(jobs, runner, threads);
        manifest.write(outDir.resolve(DatasetManifest.FILE_NAME));
        return manifest;
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

    /** One trajectory to simulate and write. */
    private record Job(String split, int index, int frames, DoubleTensor sharedInitial, String fileName) {}

    /** Runs jobs; holds what every job shares. */
    private static final class Runner {
        private final DomainProvider domain;
        private final long seed;
        private final Path outDir;
        private final Consumer<String> progress;
        private final int total;
        // The api does not promise that simulators or codecs are thread-safe: one per thread.
        private final ThreadLocal<GroundTruthSimulator> simulator;
        private final ThreadLocal<TrajectoryCodec> codec;
        private int done;

        Runner(DomainProvider domain, String preset, long seed, Path outDir, Consumer<String> progress, int total) {
            this.domain = domain;
            this.seed = seed;
            this.outDir = outDir;
            this.progress = progress;
            this.total = total;
            this.simulator = ThreadLocal.withInitial(() -> domain.simulator(preset));
            this.codec = ThreadLocal.withInitial(domain::codec);
        }

        void run(Job job) throws IOException {
            String name = job.split + "/" + job.fileName;
            SplittableRandom rng = new SplittableRandom(streamSeed(seed, job.split, job.index + 1L));
            Trajectory t;
            try {
                DoubleTensor initial = job.sharedInitial == null ? simulator.get().initialState(rng)
                        // A copy, so a simulator that writes into its input cannot affect other trajectories.
                        : new DoubleTensor(job.sharedInitial.shape(), job.sharedInitial.data().clone());
                t = simulator.get().simulate(initial, job.frames, rng);
            } catch (RuntimeException e) {
                throw new IllegalStateException("the simulator of domain '" + domain.id() + "' failed on "
                        + name + ": " + e.getMessage(), e);
            }
            if (t.length() != job.frames) {
                throw new IllegalStateException("the simulator of domain '" + domain.id() + "' returned "
                        + t.length() + " frames for " + name + ", expected " + job.frames);
            }
            codec.get().write(outDir.resolve(job.split).resolve(job.fileName), t);
            synchronized (this) {
                done++;
                if (progress != null) {
                    progress.accept("wrote " + name + " (" + done + "/" + total + ")");
                }
            }
        }
    }

    private static void run(List<Job> jobs, Runner runner, int threads) throws IOException {
        if (threads <= 1 || jobs.size() <= 1) {
            try {
                for (Job job : jobs) {
                    runner.run(job);
                }
            } finally {
                runner.simulator.remove(); // the caller's thread lives on; do not pin the simulator to it
                runner.codec.remove();
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
            for (Job job : jobs) {
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
