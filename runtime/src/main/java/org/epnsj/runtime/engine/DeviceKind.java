package org.epnsj.runtime.engine;

import java.util.Locale;

/** The kind of device a run asks for. */
public enum DeviceKind {
    /** The host CPU. */
    CPU,
    /** The first CUDA GPU. */
    GPU;

    /** Parses {@code cpu} or {@code gpu}, naming the valid values on error. */
    public static DeviceKind parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown device '" + s + "'; use cpu or gpu", e);
        }
    }
}
