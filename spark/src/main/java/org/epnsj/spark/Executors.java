package org.epnsj.spark;

import com.google.inject.Guice;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.plugin.EpnsModule;

/** What an executor JVM builds once and shares between its tasks. */
final class Executors {

    private static EpnsRuntime runtime;

    private Executors() {}

    /** The runtime with the plugins found on the executor's class path, built on first use. */
    static synchronized EpnsRuntime runtime() {
        if (runtime == null) {
            Engines.configureOffline();
            runtime = Guice.createInjector(new EpnsModule()).getInstance(EpnsRuntime.class);
        }
        return runtime;
    }
}
