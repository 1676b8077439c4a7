package org.epnsj.runtime.io;

import java.nio.file.Path;

/**
 * Paths as recorded in result and run files: relative to the folder the file describes, with
 * {@code /} separators, so that a results folder copied to another machine (or committed) still
 * points at its runs and data and names nothing of the machine it was made on.
 */
public final class PortablePaths {

    private PortablePaths() {}

    /** {@code target} relative to {@code base} ({@code .} when they are the same folder). */
    public static String relative(Path base, Path target) {
        Path from = base.toAbsolutePath().normalize();
        Path to = target.toAbsolutePath().normalize();
        String relative = from.relativize(to).toString().replace(java.io.File.separatorChar, '/');
        return relative.isEmpty() ? "." : relative;
    }

    /** A recorded path read back against {@code base}; an absolute one (older files) stays as it is. */
    public static Path resolve(Path base, String recorded) {
        return base.toAbsolutePath().normalize().resolve(recorded).normalize();
    }
}
