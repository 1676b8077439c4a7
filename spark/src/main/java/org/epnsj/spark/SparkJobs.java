package org.epnsj.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import java.util.function.ToLongFunction;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.epnsj.api.data.SplitSpec;
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
            Map<String, SplitSpec> splits = domain.datasetPreset(preset).splits();
            List<List<TrajectoryRef>> groups = balancedGroups(trajectories,
                    t -> (long) splits.get(t.split()).frames(), slices(trajectories.size(), sc.defaultParallelism()));
            JavaFutureAction<Void> job = sc.parallelize(groups, groups.size())
                    .foreachAsync(group -> writeAll(group, domainId, preset, seed, folder, written));
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

    /**
     * {@code count} groups of about equal cost: the costliest item first, each into the group with the
     * least cost so far (longest processing time first). Spark's own slices are contiguous ranges, so
     * a split of long trajectories (n-body {@code test_long}, twice the frames) would land in one task
     * and keep one task thread busy after the others finished.
     */
    static <T> List<List<T>> balancedGroups(List<T> items, ToLongFunction<T> cost, int count) {
        int n = Math.max(1, Math.min(count, items.size()));
        List<List<T>> groups = new ArrayList<>(n);
        long[] load = new long[n];
        for (int i = 0; i < n; i++) {
            groups.add(new ArrayList<>());
        }
        List<T> byCost = new ArrayList<>(items);
        byCost.sort(Comparator.comparingLong(cost).reversed());
        for (T item : byCost) {
            int least = 0;
            for (int g = 1; g < n; g++) {
                if (load[g] < load[least]) {
                    least = g;
                }
            }
            groups.get(least).add(item);
            load[least] += cost.applyAsLong(item);
        }
        return groups;
    }

    /**
     * Writes a task's trajectories. A task holds its whole group as one element, so Spark's own check for
     * a killed task (between elements) would come too late: it is made before every trajectory, and a
     * job that failed elsewhere stops writing after the trajectory in hand.
     */
    private static void writeAll(List<TrajectoryRef> trajectories, String domainId, String preset, long seed,
            String folder, LongAccumulator written) throws IOException {
        DomainProvider domain = SharedRuntime.runtime().plugins().domain(domainId);
        DatasetGenerator.Writer writer = new DatasetGenerator.Writer(domain, preset, seed, Path.of(folder));
        TaskContext task = TaskContext.get();
        for (TrajectoryRef t : trajectories) {
            if (task != null) {
                task.killTaskIfInterrupted();
            }
            writer.write(t);
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
