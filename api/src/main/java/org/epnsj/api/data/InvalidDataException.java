package org.epnsj.api.data;

import java.io.IOException;
import java.nio.file.Path;

/** A data file that cannot be used; the message names the file and the problem. */
public class InvalidDataException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code file}. */
    public InvalidDataException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /** Creates the exception for {@code file} with a cause. */
    public InvalidDataException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
