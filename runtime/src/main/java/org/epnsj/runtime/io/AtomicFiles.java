package org.epnsj.runtime.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that they appear complete or not at all, even if the process dies mid-write: a
 * reader never sees a half-written checkpoint or trajectory.
 */
public final class AtomicFiles {

    private static final int BUFFER = 1 << 16;

    private AtomicFiles() {}

    /**
     * Writes {@code target} with the bytes {@code body} writes. The bytes go to a temporary file in
     * the same directory, which is flushed, forced to disk and renamed over {@code target} in one
     * atomic step; then the directory is forced so the rename survives a crash. If {@code body} or
     * any step throws, the temporary file is deleted and {@code target} is left as it was.
     *
     * @param target the file to create or replace; its directory must exist
     * @param body writes the content; it need not close the stream
     * @throws IOException if {@code body} throws or the file cannot be written
     */
    public static void write(Path target, IoConsumer<OutputStream> body) throws IOException {
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(target.toString(), null, "cannot write: folder " + dir + " does not exist");
        }
        Path temp = createTemp(dir, file.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER)) {
                // The body may close its stream; the flush and force below still need it open.
                body.accept(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        out.flush();
                    }
                });
                out.flush();
                channel.force(true);
            }
            move(temp, file);
            moved = true;
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The original failure matters more; a stray hidden .tmp file is harmless.
                }
            }
        }
        forceDirectory(dir);
    }

    /** A new hidden file {@code .name.<random>.tmp}, with default permissions (unlike createTempFile). */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            Path temp = dir.resolve("." + name + "." + suffix + ".tmp");
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    private static void move(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the directory entry durable; some platforms (Windows) cannot open a directory for this. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Best effort: the data itself is already on disk.
        }
    }
}
