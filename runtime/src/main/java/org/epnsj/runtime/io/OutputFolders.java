package org.epnsj.runtime.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Creates the folders that commands write into, with a failure that says why: the JDK's own
 * exceptions name only the path ({@code /proc/x}), which reads like a success.
 */
public final class OutputFolders {

    private OutputFolders() {}

    /**
     * Creates {@code folder} and its missing parents; an existing folder is fine.
     *
     * @return {@code folder}
     * @throws IOException "cannot create output folder F: reason", the reason naming what is in the
     *     way (a file, a folder that cannot be written, a read-only or refusing file system)
     */
    public static Path create(Path folder) throws IOException {
        try {
            Files.createDirectories(folder);
            return folder;
        } catch (IOException e) {
            throw new IOException("cannot create output folder " + folder + ": " + reason(folder, e), e);
        }
    }

    /** Why creating {@code folder} failed with {@code e}, in words. */
    static String reason(Path folder, IOException e) {
        Path existing = nearestExisting(folder.toAbsolutePath());
        String os = e instanceof FileSystemException f && f.getReason() != null ? " (" + f.getReason() + ")" : "";
        if (existing != null && !Files.isDirectory(existing)) {
            return "a file is in the way: " + existing + " exists and is not a folder";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return "a file is in the way: " + f.getFile() + " exists and is not a folder";
        }
        if (e instanceof AccessDeniedException || os.contains("Permission denied")
                || os.contains("Operation not permitted")) {
            return "permission denied: " + (existing == null ? folder : existing) + " is not writable" + os;
        }
        if (os.contains("Read-only file system")) {
            return (existing == null ? folder : existing) + " is on a read-only file system";
        }
        if (e instanceof NoSuchFileException && existing != null) {
            // A pseudo file system such as /proc answers "no such file" to mkdir.
            return "the file system of " + existing + " does not allow new folders there (no such file or directory)";
        }
        return e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString();
    }

    /** The deepest ancestor of {@code path} (or itself) that exists, or null. */
    private static Path nearestExisting(Path path) {
        for (Path p = path; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }
}
