package org.epnsj.spark;

import com.google.inject.Guice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.app.TrainRequest;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.io.DatasetGenerator;
import org.epnsj.runtime.plugin.EpnsModule;
import org.epnsj.runtime.rollout.EnsembleNoise;
import org.epnsj.runtime.training.TrainingListener;

/**
 * Wall times of the {@code --spark} paths against the plain ones, per round and as medians of the ratios:
 * n-body {@code cpu}-preset generation (130 trajectories) and an ensemble rollout of the n-body EPNS at the
 * {@code cpu} preset's size (four chunks of {@link EnsembleNoise#CHUNK} members, 100 steps by default; the engine is DJL's default, e.g.
 * {@code DJL_DEFAULT_ENGINE=PyTorch}), each without Spark on one thread, on
 * {@code local[1]} and on {@code local[2]}; the generation also on two plain threads without Spark, what
 * the machine's two cores give to this work at best. A context's start is part of every Spark figure, as it is of a
 * command (the first one in a JVM, which loads Spark's classes, is timed apart). Run with
 * {@code OMP_NUM_THREADS=1}, so that the parallelism is Spark's:
 * <pre>
 *   OMP_NUM_THREADS=1 java $(cat spark/target/java-options) \
 *       -cp cli/target/epns.jar:spark/target/epns-spark.jar:$(cat spark/target/spark.classpath) \
 *       org.epnsj.spark.SparkBenchmark [work folder] [rounds] [generate|rollout|all] [rollout steps]
 * </pre>
 */
public final class SparkBenchmark {

    private SparkBenchmark() {}

    /**
     * Runs the benchmark; {@code args}: work folder (default a temporary one), rounds (default 3), and
     * {@code generate}, {@code rollout} or {@code all} (the default).
     */
    public static void main(String[] args) throws Exception {
        Engines.configureOffline();
        Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("epns-spark-bench");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String what = args.length > 2 ? args[2] : "all";
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        EpnsRuntime runtime = Guice.createInjector(new EpnsModule()).getInstance(EpnsRuntime.class);
        SparkJobs spark = new SparkJobs();
        DomainProvider nbody = runtime.plugins().domain("nbody");
        System.out.printf(Locale.ROOT, "cores %d, load average at start %.1f%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        // A model of the cpu preset's size, trained for one epoch on tiny data: a rollout costs the same either way.
        Path tinyData = work.resolve("tiny-data");
        Path run = work.resolve("run-epns-cpu");
        if (!Files.exists(run.resolve("config.json"))) {
            runtime.generate("nbody", "tiny", 1, tinyData, f -> { });
            runtime.train(new TrainRequest("nbody", "epns", "cpu", tinyData, run, 1, 1L, false, null),
                    new TrainingListener() { }, () -> false);
        }
        int samples = 4 * EnsembleNoise.CHUNK; // four chunks: two per core on local[2]
        boolean generation = !"rollout".equals(what);
        boolean rollout = !"generate".equals(what);

        // A first Spark context in a JVM loads Spark's classes: a command pays it once, so it is timed apart.
        double coldStart = time(() -> spark.generate("local[1]", "nbody", "tiny", 1, fresh(work.resolve("warm")), n -> { }));
        double warmStart = time(() -> spark.generate("local[1]", "nbody", "tiny", 1, fresh(work.resolve("warm")), n -> { }));
        System.out.printf(Locale.ROOT, "tiny generation on local[1]: first in the JVM %.1f s, second %.1f s%n",
                coldStart, warmStart);

        List<double[]> gen = new ArrayList<>();
        List<double[]> roll = new ArrayList<>();
        Path npy = work.resolve("rollouts.npy");
        for (int round = 0; round < rounds; round++) {
            // Each round runs the variants in another order, so that a change of load does not favour one.
            int shift = round % 3;
            if (generation) {
                double[] t = new double[8];
                for (int k = 0; k < 4; k++) {
                    int v = (k + round) % 4;
                    double wall = switch (v) {
                        case 0 -> time(() -> plainGeneration(nbody, fresh(work.resolve("gen-serial")), 1));
                        case 1 -> time(() -> spark.generate("local[1]", "nbody", "cpu", 1, fresh(work.resolve("gen-l1")),
                                n -> { }));
                        case 2 -> time(() -> spark.generate("local[2]", "nbody", "cpu", 1, fresh(work.resolve("gen-l2")),
                                n -> { }));
                        default -> time(() -> plainGeneration(nbody, fresh(work.resolve("gen-threads")), 2));
                    };
                    // Columns: plain, local[1], local[2] (as the rollout's), then two plain threads.
                    t[v == 3 ? 6 : v] = wall;
                    t[v == 3 ? 7 : 3 + v] = lastCpu;
                }
                gen.add(t);
                print("generate nbody cpu", round, t);
                System.out.printf(Locale.ROOT, "  two plain threads %.1f s (%.1f); plain / two threads %.2f, "
                        + "local[2] / two threads %.2f%n", t[6], t[7], t[0] / t[6], t[2] / t[6]);
            }
            if (rollout) {
                double[] t = new double[6];
                for (int k = 0; k < 3; k++) {
                    int v = (k + shift) % 3;
                    t[v] = switch (v) {
                        case 0 -> time(() -> runtime.sample(run, tinyData, "test_same_init", steps, samples, 1, npy,
                                n -> { }));
                        case 1 -> time(() -> spark.sample("local[1]", run, tinyData, "test_same_init", steps, samples, 1,
                                npy));
                        default -> time(() -> spark.sample("local[2]", run, tinyData, "test_same_init", steps, samples, 1,
                                npy));
                    };
                    t[3 + v] = lastCpu;
                }
                roll.add(t);
                print("ensemble rollout", round, t);
            }
        }
        System.out.printf(Locale.ROOT, "load average at end %.1f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (generation) {
            median("generate nbody cpu", gen);
        }
        if (rollout) {
            median("ensemble rollout", roll);
        }
    }

    /**
     * The plain generation on {@code threads} threads of one pool, with the trajectories dealt as the Spark
     * path deals them ({@link SparkJobs#balancedGroups}, four groups per thread): what two cores give
     * without Spark, so that the machine's own scaling is measured beside Spark's.
     */
    private static void plainGeneration(DomainProvider nbody, Path out, int threads) throws Exception {
        DatasetGenerator.Plan plan = DatasetGenerator.plan(nbody, "cpu", 1, out);
        var splits = nbody.datasetPreset("cpu").splits();
        List<List<DatasetGenerator.TrajectoryRef>> groups = SparkJobs.balancedGroups(plan.trajectories(),
                tr -> (long) splits.get(tr.split()).frames(), SparkJobs.slices(plan.trajectories().size(), threads));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<DatasetGenerator.TrajectoryRef> group : groups) {
                done.add(pool.submit(() -> {
                    DatasetGenerator.Writer writer = new DatasetGenerator.Writer(nbody, "cpu", 1, out);
                    for (DatasetGenerator.TrajectoryRef tr : group) {
                        writer.write(tr);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        DatasetGenerator.finish(plan, out);
    }

    private static void print(String work, int round, double[] t) {
        System.out.printf(Locale.ROOT, "%s, round %d: wall (process CPU) plain %.1f s (%.1f), local[1] %.1f s (%.1f), "
                + "local[2] %.1f s (%.1f); local[1] / plain %.2f (CPU %.2f), local[1] / local[2] %.2f%n", work, round + 1,
                t[0], t[3], t[1], t[4], t[2], t[5], t[1] / t[0], t[4] / t[3], t[1] / t[2]);
    }

    private static void median(String work, List<double[]> rounds) {
        double[] overhead = rounds.stream().mapToDouble(t -> t[1] / t[0]).sorted().toArray();
        double[] cpuOverhead = rounds.stream().mapToDouble(t -> t[4] / t[3]).sorted().toArray();
        double[] speedup = rounds.stream().mapToDouble(t -> t[1] / t[2]).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s, median (min-max) of %d rounds: local[1] / plain wall %.2f (%.2f-%.2f), "
                + "CPU %.2f (%.2f-%.2f); local[1] / local[2] wall %.2f (%.2f-%.2f)%n", work, rounds.size(),
                overhead[overhead.length / 2], overhead[0], overhead[overhead.length - 1],
                cpuOverhead[cpuOverhead.length / 2], cpuOverhead[0], cpuOverhead[cpuOverhead.length - 1],
                speedup[speedup.length / 2], speedup[0], speedup[speedup.length - 1]);
        if (rounds.get(0).length > 6) {
            double[] machine = rounds.stream().mapToDouble(t -> t[0] / t[6]).sorted().toArray();
            double[] behind = rounds.stream().mapToDouble(t -> t[2] / t[6]).sorted().toArray();
            System.out.printf(Locale.ROOT, "%s, median (min-max): plain / two plain threads %.2f (%.2f-%.2f); "
                    + "local[2] / two plain threads %.2f (%.2f-%.2f)%n", work, machine[machine.length / 2], machine[0],
                    machine[machine.length - 1], behind[behind.length / 2], behind[0], behind[behind.length - 1]);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Process CPU seconds of the last {@link #time} call: all threads, Spark's included. */
    private static double lastCpu;

    private static double time(Work work) throws Exception {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        work.run();
        lastCpu = (os.getProcessCpuTime() - cpu) / 1e9;
        return (System.nanoTime() - start) / 1e9;
    }

    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return dir;
    }
}
