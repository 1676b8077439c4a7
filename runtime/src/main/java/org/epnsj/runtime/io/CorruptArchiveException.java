package org.epnsj.runtime.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@link TensorArchive} file that cannot be read: foreign, truncated, corrupt or of a newer
 * format. The message names the file and the problem.
 */
public class CorruptArchiveException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** Creates the exception for {@code file}. */
    public CorruptArchiveException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** Creates the exception for {@code file} with a cause. */
    public CorruptArchiveException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that cannot be read. */
    public Path file() {
        return file;
    }
}
