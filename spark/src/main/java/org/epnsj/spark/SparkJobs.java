package org.epnsj.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.epnsj.api.model.Readout;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.cli.ClusterJobs;
import org.epnsj.runtime.io.DatasetGenerator;
import org.epnsj.runtime.io.DatasetGenerator.TrajectoryRef;
import org.epnsj.runtime.io.DatasetManifest;
import org.epnsj.runtime.rollout.EnsembleRunner;

/**
 * The {@code --spark} commands on Apache Spark. The driver plans and gathers; tasks compute. Folders are
 * passed as absolute paths, so on a cluster they must name the same shared folder on every node.
 */
public final class SparkJobs implements ClusterJobs {

    private static final long POLL_MS = 200;

    @Override
    public DatasetManifest generate(String master, String domainId, String preset, long seed, Path out,
            LongConsumer progress) throws IOException {
        DomainProvider domain = SharedRuntime.runtime().plugins().domain(domainId);
        DatasetGenerator.Plan plan = DatasetGenerator.plan(domain, preset, seed, out);
        if (plan.complete()) {
            return plan.manifest();
        }
        String folder = out.toAbsolutePath().toString();
        List<TrajectoryRef> trajectories = plan.trajectories();
        try (JavaSparkContext sc = SparkContexts.start(master, "generate " + domainId + " " + preset)) {
            LongAccumulator written = sc.sc().longAccumulator("trajectories written");
            JavaFutureAction<Void> job = sc.parallelize(trajectories, slices(trajectories.size(), sc.defaultParallelism()))
                    .foreachPartitionAsync(part -> writeAll(part, domainId, preset, seed, folder, written));
            await(job, "generate", () -> progress.accept(written.value()));
        }
        DatasetGenerator.finish(plan, out);
        return plan.manifest();
    }

    @Override
    public long[] sample(String master, Path run, Path data, String split, int steps, int samples, long seed,
            Path out) throws IOException {
        try (JavaSparkContext sc = SparkContexts.start(master, "sample " + run.getFileName())) {
            EnsembleRunner runner = new SparkEnsembleRunner(sc, run, "best", null);
            return SharedRuntime.runtime().sample(run, data, split, steps, samples, seed, out, null, runner);
        }
    }

    @Override
    public Map<String, Object> evaluate(String master, Path run, Path data, String checkpoint, long seed,
            Readout readout, LongConsumer progress) throws IOException {
        try (JavaSparkContext sc = SparkContexts.start(master, "evaluate " + run.getFileName())) {
            EnsembleRunner runner = new SparkEnsembleRunner(sc, run, checkpoint, readout);
            return SharedRuntime.runtime().evaluate(run, data, checkpoint, seed, readout, progress, runner);
        }
    }

    @Override
    public List<String> runEach(String master, String name, List<? extends Task> tasks) throws IOException {
        List<Task> all = List.copyOf(tasks);
        try (JavaSparkContext sc = SparkContexts.start(master, name)) {
            // One task each: a task is a whole training, so Spark's default of one task per core is one
            // training per core (spark.task.cpus or task resources give a task more).
            return await(sc.parallelize(all, all.size()).map(Task::call).collectAsync(), name, () -> { });
        }
    }

    /**
     * Tasks for {@code items} trajectories: four per task thread, so that a long trajectory does not hold
     * up the others, but not one each, whose scheduling and writer set-up cost as much as simulating a
     * short trajectory (n-body `cpu`: about 40 ms each). A trajectory's seed is its own, so the files do
     * not depend on how they are grouped.
     */
    static int slices(int items, int parallelism) {
        return Math.max(1, Math.min(items, 4 * Math.max(1, parallelism)));
    }

    private static void writeAll(Iterator<TrajectoryRef> trajectories, String domainId, String preset, long seed,
            String folder, LongAccumulator written) throws IOException {
        DomainProvider domain = SharedRuntime.runtime().plugins().domain(domainId);
        DatasetGenerator.Writer writer = new DatasetGenerator.Writer(domain, preset, seed, Path.of(folder));
        while (trajectories.hasNext()) {
            writer.write(trajectories.next());
            written.add(1);
        }
    }

    /** Waits for a job, calling {@code tick} now and then and once at the end. */
    private static <T> T await(JavaFutureAction<T> job, String what, Runnable tick) {
        try {
            while (true) {
                try {
                    T value = job.get(POLL_MS, TimeUnit.MILLISECONDS);
                    tick.run();
                    return value;
                } catch (TimeoutException e) {
                    tick.run();
                }
            }
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        } catch (ExecutionException e) {
            throw SparkContexts.failure(what, e);
        }
    }
}
