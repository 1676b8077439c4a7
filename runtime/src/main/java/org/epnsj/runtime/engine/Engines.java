package org.epnsj.runtime.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Engine and device selection. Every entry point calls {@link #configureOffline()} before DJL loads
 * an engine, so nothing is fetched at run time and no telemetry is sent.
 */
public final class Engines {

    /** DJL's name of the Apache MXNet engine. */
    public static final String MXNET = "MXNet";

    /** DJL's name of the PyTorch engine (the GPU path). */
    public static final String PYTORCH = "PyTorch";

    /** The engines this project ships natives for, default first. */
    public static final List<String> SUPPORTED = List.of(MXNET, PYTORCH);

    private Engines() {}

    /**
     * Turns on DJL's offline mode and the tracking opt-out, unless the user set them. Must run before
     * the first DJL engine call of the process.
     */
    public static void configureOffline() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * The canonical engine name for a user's spelling ({@code mxnet}, {@code pytorch}, ...).
     *
     * @throws IllegalArgumentException naming the known engines if the name is unknown
     */
    public static String canonicalName(String name) {
        if (name == null || name.isBlank()) {
            return defaultEngineName();
        }
        for (String known : SUPPORTED) {
            if (known.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return known;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + name + "'; known engines: " + SUPPORTED);
    }

    /**
     * The engine used when none is named: {@code -Dai.djl.default_engine}, else PyTorch, the faster engine on
     * every model measured (docs/results/performance.md) and the GPU path.
     */
    public static String defaultEngineName() {
        return configuredDefaultEngine().orElse(PYTORCH);
    }

    /**
     * The engine named by {@code -Dai.djl.default_engine} or the {@code DJL_DEFAULT_ENGINE} environment
     * variable, if either is set.
     */
    public static java.util.Optional<String> configuredDefaultEngine() {
        String configured = System.getProperty("ai.djl.default_engine", System.getenv("DJL_DEFAULT_ENGINE"));
        return configured == null || configured.isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(canonicalName(configured));
    }

    /**
     * Loads an engine by name.
     *
     * @throws IllegalStateException if its natives are not on the class path
     */
    public static Engine engine(String name) {
        configureOffline();
        String canonical = canonicalName(name);
        Set<String> available = new TreeSet<>(Engine.getAllEngines());
        if (!available.contains(canonical)) {
            throw new IllegalStateException("engine " + canonical + " is not on the class path; available: " + available);
        }
        Engine engine = Engine.getEngine(canonical);
        if (PYTORCH.equals(canonical)) {
            PyTorchLogLevel.keepErrorsOnly();
        }
        return engine;
    }

    /**
     * A root manager on the requested device of the named engine.
     *
     * @throws DeviceUnavailableException if a GPU was requested and the engine cannot provide one
     *     (DJL would silently fall back to the CPU)
     */
    public static NDManager newManager(String engineName, DeviceKind device) {
        Engine engine = engine(engineName);
        Device wanted = device == DeviceKind.GPU ? Device.gpu() : Device.cpu();
        if (device == DeviceKind.GPU && engine.getGpuCount() == 0) {
            throw new DeviceUnavailableException("a GPU was requested but engine " + engine.getEngineName()
                    + " found none (CUDA natives missing or not matching the driver); use --device cpu, "
                    + "or build with the GPU profile as described in the README");
        }
        NDManager manager = engine.newBaseManager(wanted);
        assertDevice(manager, wanted);
        if (PYTORCH.equals(engine.getEngineName())) {
            PyTorchGradMode.disableOnThisThread();
        }
        return manager;
    }

    /** Fails if the manager is not on the requested device. */
    static void assertDevice(NDManager manager, Device wanted) {
        Device got = manager.getDevice();
        if (!got.getDeviceType().equals(wanted.getDeviceType())) {
            manager.close();
            throw new DeviceUnavailableException("requested device " + wanted + " but the engine gave " + got);
        }
    }
}
