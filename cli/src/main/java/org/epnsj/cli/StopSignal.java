package org.epnsj.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C into a stop request: the JVM's shutdown waits (up to a minute) until the command has
 * finished its current batch and printed how to continue, instead of dying mid-write.
 */
final class StopSignal implements AutoCloseable {

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private StopSignal() {
        hook = new Thread(() -> {
            requested.set(true);
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "epns-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Installs the shutdown hook. */
    static StopSignal install() {
        return new StopSignal();
    }

    /** Whether a stop was requested. */
    boolean requested() {
        return requested.get();
    }

    /** Lets a pending shutdown proceed and removes the hook. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting; the hook is running and may now return.
        }
    }
}
