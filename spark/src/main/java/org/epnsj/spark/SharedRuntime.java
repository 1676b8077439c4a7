package org.epnsj.spark;

import com.google.inject.Guice;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.plugin.EpnsModule;

/** What a JVM builds once and shares: the driver's commands and an executor's tasks. */
final class SharedRuntime {

    private static EpnsRuntime runtime;

    private SharedRuntime() {}

    /** The runtime with the plugins found on the executor's class path, built on first use. */
    static synchronized EpnsRuntime runtime() {
        if (runtime == null) {
            Engines.configureOffline();
            runtime = Guice.createInjector(new EpnsModule()).getInstance(EpnsRuntime.class);
        }
        return runtime;
    }
}
