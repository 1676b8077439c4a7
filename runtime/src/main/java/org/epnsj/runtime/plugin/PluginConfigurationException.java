package org.epnsj.runtime.plugin;

/** The plugins on the class path are inconsistent (duplicate ids, a broken service entry). */
public class PluginConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public PluginConfigurationException(String message) {
        super(message);
    }

    /** Creates the exception with a cause. */
    public PluginConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
