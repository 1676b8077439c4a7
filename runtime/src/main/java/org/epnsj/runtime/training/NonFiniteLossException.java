package org.epnsj.runtime.training;

/** Training produced a NaN or infinite loss; the message says where. */
public class NonFiniteLossException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public NonFiniteLossException(String message) {
        super(message);
    }
}
