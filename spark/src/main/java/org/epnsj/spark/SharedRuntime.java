package org.epnsj.spark;

import com.google.inject.Guice;
import org.epnsj.cli.ClusterJobs;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.plugin.EpnsModule;
import org.epnsj.runtime.plugin.PluginRegistry;

/** What a JVM builds once and shares: the driver's commands and an executor's tasks. */
final class SharedRuntime {

    private static EpnsRuntime runtime;
    private static PluginRegistry plugins;

    private SharedRuntime() {}

    /**
     * The runtime with the command line's plugins, built on first use and again when they change: the
     * built-in ones and those of the plugin jars (the launcher's plugins folder and
     * {@code EPNS_PLUGIN_PATH} on the driver and, in local mode, on its executors; on an executor of a
     * cluster, the jars Spark shipped onto the executor's class path).
     */
    static synchronized EpnsRuntime runtime() {
        PluginRegistry current = ClusterJobs.plugins();
        if (runtime == null || current != plugins) {
            Engines.configureOffline();
            runtime = Guice.createInjector(new EpnsModule(current)).getInstance(EpnsRuntime.class);
            plugins = current;
        }
        return runtime;
    }
}
