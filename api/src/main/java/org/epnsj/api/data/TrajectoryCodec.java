package org.epnsj.api.data;

import java.io.IOException;
import java.nio.file.Path;

/** Reads and writes one trajectory per file in a domain's on-disk layout. */
public interface TrajectoryCodec {

    /** The file name suffix, e.g. {@code ".npy"}. */
    String fileExtension();

    /**
     * Reads a trajectory.
     *
     * @throws InvalidDataException if the file is truncated, has the wrong shape or non-finite values;
     *     the message names the file
     */
    Trajectory read(Path file) throws IOException;

    /** Writes a trajectory; the file appears complete or not at all. */
    void write(Path file, Trajectory trajectory) throws IOException;
}
