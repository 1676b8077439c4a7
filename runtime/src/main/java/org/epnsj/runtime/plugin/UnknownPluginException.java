package org.epnsj.runtime.plugin;

/** A plugin id that no discovered plugin has; the message lists the known ids. */
public class UnknownPluginException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public UnknownPluginException(String message) {
        super(message);
    }
}
