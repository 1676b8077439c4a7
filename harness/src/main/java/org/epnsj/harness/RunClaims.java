package org.epnsj.harness;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Claims on runs and data sets under a results root, so that several processes (and the tasks of one
 * Spark executor) split an experiment's work: a claim is a file lock on {@code .<name>.lock} in the
 * folder, taken after an in-process lock of the same name.
 */
final class RunClaims {

    /**
     * File locks are held by processes, and a second lock of the same file in one JVM throws: runs that go
     * on in threads of one process (Spark's local mode) take this lock first.
     */
    private static final Map<String, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

    private RunClaims() {}

    /** A held claim: closing its channel releases the file lock, then the in-process one. */
    record Claim(FileChannel channel, Semaphore inProcess) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                channel.close();
            } finally {
                inProcess.release();
            }
        }
    }

    /** Claims {@code name} under {@code folder} for this process; null if another process or thread holds it. */
    static Claim claim(Path folder, String name) throws IOException {
        Semaphore inProcess = inProcessLock(folder, name);
        if (!inProcess.tryAcquire()) {
            return null;
        }
        FileChannel channel = null;
        try {
            channel = lockFile(folder, name);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                inProcess.release();
                return null;
            }
            return new Claim(channel, inProcess);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            inProcess.release();
            throw e;
        }
    }

    /** Claims {@code name} under {@code folder}, waiting for another process or thread that holds it. */
    static Claim claimBlocking(Path folder, String name) throws IOException {
        Semaphore inProcess = inProcessLock(folder, name);
        inProcess.acquireUninterruptibly();
        FileChannel channel = null;
        try {
            channel = lockFile(folder, name);
            channel.lock();
            return new Claim(channel, inProcess);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            inProcess.release();
            throw e;
        }
    }

    private static Semaphore inProcessLock(Path folder, String name) {
        return IN_PROCESS.computeIfAbsent(folder.toAbsolutePath().normalize().resolve(name).toString(),
                k -> new Semaphore(1));
    }

    private static FileChannel lockFile(Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        return FileChannel.open(folder.resolve("." + name + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
    }
}
