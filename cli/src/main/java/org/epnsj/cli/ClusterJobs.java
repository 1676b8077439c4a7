package org.epnsj.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.ServiceLoader;
import java.util.function.LongConsumer;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.io.DatasetManifest;

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
