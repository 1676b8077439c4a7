package org.epnsj.runtime.engine;

import java.lang.reflect.Method;

/**
 * PyTorch's gradient mode is a per-thread flag that is on in every new thread; DJL turns it off only on
 * the thread that loads the engine. On any other thread (a Spark task, a pool worker) in-place updates
 * of parameters outside a gradient collector then fail with "a leaf Variable that requires grad is
 * being used in an in-place operation". Managers made on such a thread turn it off there, as DJL's
 * gradient collectors expect.
 */
final class PyTorchGradMode {

    private PyTorchGradMode() {}

    /** Turns recording off on the calling thread; gradient collectors turn it on for their scope. */
    static void disableOnThisThread() {
        try {
            Method set = Class.forName("ai.djl.pytorch.jni.JniUtils").getMethod("setGradMode", boolean.class);
            set.invoke(null, false);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set PyTorch's gradient mode on this thread: " + e, e);
        }
    }

    /** Whether recording is on for the calling thread. */
    static boolean enabledOnThisThread() {
        try {
            return (Boolean) Class.forName("ai.djl.pytorch.jni.JniUtils").getMethod("isGradMode").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read PyTorch's gradient mode: " + e, e);
        }
    }
}
