package org.epnsj.cli;

import ai.djl.ndarray.types.DataType;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.multibindings.OptionalBinder;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.plugin.EpnsModule;
import org.epnsj.runtime.plugin.RuntimeSettings;
import picocli.CommandLine.Option;

/** Engine, device and dtype options shared by the commands that create runs. */
final class RuntimeOptions {

    @Option(names = "--engine", paramLabel = "NAME",
            description = "DJL engine: pytorch (default) or mxnet. Also -Dai.djl.default_engine=MXNet.")
    String engine;

    @Option(names = "--device", paramLabel = "KIND", defaultValue = "cpu",
            description = "cpu or gpu (fails if the engine cannot provide a GPU). Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32",
            description = "Parameter dtype: float32 or float64. Default: ${DEFAULT-VALUE}.")
    String dtype;

    /** The settings; the engine is {@code --engine}'s, else the default engine ({@link Engines#defaultEngineName()}). */
    RuntimeSettings settings() {
        DataType t = switch (dtype) {
            case "float32" -> DataType.FLOAT32;
            case "float64" -> DataType.FLOAT64;
            default -> throw new IllegalArgumentException("unknown --dtype '" + dtype + "'; use float32 or float64");
        };
        return new RuntimeSettings(engine != null ? engine : Engines.defaultEngineName(),
                DeviceKind.parse(device), t);
    }

    /** The runtime wired with the built-in plugins and those of the plugin jars, and these settings. */
    EpnsRuntime runtime() {
        return runtime(settings());
    }

    static EpnsRuntime runtime(RuntimeSettings settings) {
        return Guice.createInjector(new EpnsModule(PluginLoader.current().registry()), new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), RuntimeSettings.class).setBinding().toInstance(settings);
            }
        }).getInstance(EpnsRuntime.class);
    }

    /** The runtime with default settings (commands that read the settings from a run folder). */
    static EpnsRuntime defaultRuntime() {
        return Guice.createInjector(new EpnsModule(PluginLoader.current().registry())).getInstance(EpnsRuntime.class);
    }
}
