package org.epnsj.runtime.plugin;

import ai.djl.ndarray.types.DataType;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;

/**
 * Application-wide defaults: engine, device and dtype. Bound with Guice's {@code OptionalBinder} so
 * applications can override them.
 *
 * @param engine the DJL engine name
 * @param device the device kind
 * @param dataType float32 or float64
 */
public record RuntimeSettings(String engine, DeviceKind device, DataType dataType) {

    /** Normalises the engine name. */
    public RuntimeSettings {
        engine = Engines.canonicalName(engine);
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new IllegalArgumentException("dataType must be float32 or float64, got " + dataType);
        }
    }

    /** PyTorch (or the configured default engine), CPU, float32. */
    public static RuntimeSettings defaults() {
        return new RuntimeSettings(Engines.defaultEngineName(), DeviceKind.CPU, DataType.FLOAT32);
    }
}
