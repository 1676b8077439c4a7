package org.epnsj.runtime.engine;

/** The requested device could not be provided. */
public class DeviceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public DeviceUnavailableException(String message) {
        super(message);
    }
}
