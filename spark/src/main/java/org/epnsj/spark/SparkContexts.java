package org.epnsj.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.epnsj.cli.ClusterJobs;

/** Starts the driver's Spark context and turns Spark's failures into one-line messages. */
final class SparkContexts {

    /** How long to wait for a standalone or Kubernetes master to accept a connection. */
    private static final int CONNECT_TIMEOUT_MS = 3000;

    private SparkContexts() {}

    /**
     * A context on {@code master} for the application {@code name}. Settings given by {@code spark-submit}
     * (system properties {@code spark.*}) win; in local mode the web UI is off and the driver binds to
     * 127.0.0.1, so a laptop opens no port to its network.
     *
     * @throws IllegalStateException with one line when a {@code spark://} or {@code k8s://} master cannot be
     *     reached
     */
    static JavaSparkContext start(String master, String name) {
        requireReachable(master);
        SparkConf conf = conf(master, name, ClusterJobs.pluginJars());
        try {
            return new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start Spark on master '" + master + "': " + firstLine(e), e);
        }
    }

    /**
     * The configuration of a context: settings given by {@code spark-submit} win. Executors in the
     * driver's JVM ({@code local}, {@code local[N]}, {@code local[N,F]}) use the driver's plugins as
     * they are; for any other master the plugin jars are added to {@code spark.jars}, which ships them
     * to every executor's class path (after the jars already listed there, e.g. by {@code --jars}).
     */
    static SparkConf conf(String master, String name, List<Path> pluginJars) {
        SparkConf conf = new SparkConf().setMaster(master).setAppName("epns " + name);
        setIfAbsent(conf, "spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local")) {
            setIfAbsent(conf, "spark.ui.enabled", "false");
            setIfAbsent(conf, "spark.driver.bindAddress", "127.0.0.1");
            setIfAbsent(conf, "spark.driver.host", "127.0.0.1");
        }
        if (!inDriverJvm(master) && !pluginJars.isEmpty()) {
            Set<String> jars = new LinkedHashSet<>();
            for (String listed : conf.get("spark.jars", "").split(",")) {
                if (!listed.isBlank()) {
                    jars.add(listed.strip());
                }
            }
            Set<String> names = new HashSet<>();
            for (String listed : jars) {
                names.add(listed.substring(listed.lastIndexOf('/') + 1));
            }
            // A jar already listed under the same file name (by --jars) is not shipped twice.
            for (Path jar : pluginJars) {
                if (names.add(jar.getFileName().toString())) {
                    jars.add(jar.toAbsolutePath().toUri().toString());
                }
            }
            conf.set("spark.jars", String.join(",", jars));
        }
        return conf;
    }

    /** Whether the master runs its executors as threads of the driver's JVM ({@code local-cluster} does not). */
    static boolean inDriverJvm(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    private static void setIfAbsent(SparkConf conf, String key, String value) {
        if (!conf.contains(key)) {
            conf.set(key, value);
        }
    }

    /**
     * Fails fast on an unreachable standalone or Kubernetes master: Spark itself retries for a minute and then
     * logs rather than throws.
     */
    static void requireReachable(String master) {
        String url;
        int defaultPort;
        if (master.startsWith("spark://")) {
            url = master;
            defaultPort = 7077;
        } else if (master.startsWith("k8s://")) {
            url = master.substring("k8s://".length());
            url = url.contains("://") ? url : "https://" + url;
            defaultPort = 443;
        } else {
            return;
        }
        // spark://host1:port1,host2:port2 names standby masters: one reachable is enough.
        String[] hosts = url.substring(url.indexOf("://") + 3).split(",");
        String last = null;
        for (String hostPort : hosts) {
            URI uri = URI.create("spark://" + hostPort.replaceAll("/.*$", ""));
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("--spark: cannot read a host in master '" + master + "'");
            }
            int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), port), CONNECT_TIMEOUT_MS);
                return;
            } catch (IOException e) {
                last = uri.getHost() + ":" + port + " (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage()) + ")";
            }
        }
        throw new IllegalStateException("cannot reach the Spark master '" + master + "' at " + last
                + "; check the --spark value and that the master is running");
    }

    /** A job's failure as one line: the task's own exception where Spark kept it. */
    static RuntimeException failure(String what, Throwable e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root != t && root.getMessage() != null ? firstLine(root) : firstLine(t);
        return new IllegalStateException(what + " failed on Spark: " + why, t);
    }

    /** The first line of an exception's message, without Spark's "Job aborted due to stage failure" wrapping. */
    static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        m = m.strip();
        int newline = m.indexOf('\n');
        m = newline < 0 ? m : m.substring(0, newline);
        // "...most recent failure: Lost task 0.0 in stage 0.0 (TID 0) (host executor driver): java.io.X: msg"
        int lost = m.indexOf("most recent failure: ");
        if (lost >= 0) {
            int colon = m.indexOf("): ", lost);
            m = colon < 0 ? m : m.substring(colon + 3);
        }
        return m;
    }
}
