package org.epnsj.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.LongConsumer;
import org.epnsj.api.model.Readout;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.io.DatasetManifest;
import org.epnsj.runtime.plugin.PluginRegistry;

/**
 * The work behind {@code --spark}: the same results as the plain commands, computed as tasks on a
 * cluster. The implementation lives in the {@code spark} module, which is not part of
 * {@code epns.jar}: the launcher puts it and Spark's jars on the class path when {@code --spark} is
 * given, and {@link #load()} finds it with {@link ServiceLoader}.
 */
public interface ClusterJobs {

    /** The master when {@code --spark} has no value and none was set by {@code spark-submit}. */
    String DEFAULT_MASTER = "local[*]";

    /**
     * As {@link EpnsRuntime#generate}, one task per trajectory; {@code progress} receives the number of
     * trajectories written so far.
     */
    DatasetManifest generate(String master, String domain, String preset, long seed, Path out,
            LongConsumer progress) throws IOException;

    /**
     * As {@link EpnsRuntime#sample}, one task per ensemble chunk of every start state; the run folder is
     * shipped to the executors with the job.
     */
    long[] sample(String master, Path run, Path data, String split, int steps, int samples, long seed, Path out)
            throws IOException;

    /**
     * As {@link EpnsRuntime#evaluate}, with the rollout ensembles of more than one chunk computed as tasks
     * (one per chunk); the rest of the evaluation runs on the driver.
     */
    Map<String, Object> evaluate(String master, Path run, Path data, String checkpoint, long seed, Readout readout,
            LongConsumer progress) throws IOException;

    /** Runs every task as one Spark task and returns their results in order. */
    List<String> runEach(String master, String name, List<? extends Task> tasks) throws IOException;

    /** Work that can be sent to an executor: its fields are plain values, its code is in epns.jar. */
    interface Task extends Serializable {
        /** Does the work and returns a report for the driver to print. */
        String call() throws Exception;
    }

    /**
     * The master to use for an {@code --spark} option's value: the value, else the one
     * {@code spark-submit} passed in the {@code spark.master} property, else {@link #DEFAULT_MASTER}.
     */
    static String master(String option) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        return System.getProperty("spark.master", DEFAULT_MASTER);
    }

    /**
     * The plugins the command line sees, built in and from the plugin jars of its plugins folder and
     * {@code EPNS_PLUGIN_PATH}: what the cluster jobs run, on the driver and on executors in the
     * driver's JVM (local mode).
     *
     * @throws org.epnsj.runtime.plugin.PluginConfigurationException with one line when a plugin jar
     *     cannot be loaded
     */
    static PluginRegistry plugins() {
        return PluginLoader.current().registry();
    }

    /**
     * The plugin jars the command line loaded, in load order: what a driver ships to executors in
     * other JVMs (Spark's {@code spark.jars}).
     */
    static List<Path> pluginJars() {
        return PluginLoader.current().jars();
    }

    /**
     * The implementation on the class path.
     *
     * @throws IllegalStateException naming what to do when the spark module is not on the class path
     */
    static ClusterJobs load() {
        Iterator<ClusterJobs> found = ServiceLoader.load(ClusterJobs.class).iterator();
        if (!found.hasNext()) {
            throw new IllegalStateException("--spark needs the spark module and Spark's jars on the class path: run "
                    + "it through ./epns (which adds them when --spark is given) or with spark-submit (docs/spark.md)");
        }
        return found.next();
    }
}
