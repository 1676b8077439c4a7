package org.epnsj.runtime.engine;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * How the C library's allocator, which the engines' CPU tensors come from, hands memory back to
 * the system. By default glibc serves allocations above a few megabytes with fresh {@code mmap}s
 * and unmaps them on free, and trims freed heap tops, so every training step faults in again, page
 * by page, all the memory its activations need: measured at about a third of a {@code cpu}-preset
 * cell EPNS step (PyTorch and MXNet, one thread). {@link #keepFreedMemory()} makes freed memory stay
 * in the process for reuse: the resident size stays at the peak of a step instead of returning to
 * the system in between.
 */
public final class NativeHeap {

    /** glibc's {@code mallopt} parameter numbers (malloc.h). */
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;
    private static final int M_ARENA_MAX = -8;

    /** The largest threshold glibc accepts on 64-bit (half its 64 MB heap size). */
    private static final int MMAP_THRESHOLD = 32 << 20;

    private static boolean applied;

    private NativeHeap() {}

    /**
     * Asks glibc to serve allocations up to 32 MB from its heap rather than from fresh mappings, to
     * keep freed heap memory (no trimming), and to keep to one arena, so that memory freed by one
     * thread is reused by the next. Does nothing, and returns false, where the C library has no
     * {@code mallopt} (not glibc); safe to call more than once.
     *
     * @return whether the settings are in force
     */
    public static synchronized boolean keepFreedMemory() {
        if (applied) {
            return true;
        }
        try {
            Function mallopt = NativeLibrary.getInstance("c").getFunction("mallopt");
            boolean ok = mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, MMAP_THRESHOLD}) == 1;
            ok &= mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, Integer.MAX_VALUE}) == 1;
            ok &= mallopt.invokeInt(new Object[] {M_ARENA_MAX, 1}) == 1;
            applied = ok;
            return ok;
        } catch (UnsatisfiedLinkError | RuntimeException notGlibc) {
            return false;
        }
    }
}
