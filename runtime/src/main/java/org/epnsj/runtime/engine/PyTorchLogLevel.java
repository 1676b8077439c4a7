package org.epnsj.runtime.engine;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * PyTorch's C++ log threshold. On processors NNPACK does not support, PyTorch logs "Could not
 * initialize NNPACK! Reason: Unsupported hardware." at warning level from every convolution that
 * considers it: thousands of lines per training run, drowning progress bars and log files. The
 * threshold is c10's global {@code FLAGS_caffe2_log_level}; raising it to errors once the engine's
 * libraries are loaded silences warnings and keeps errors.
 */
final class PyTorchLogLevel {

    /** c10's severity of errors (warnings are 1). */
    static final int ERRORS = 2;

    private static volatile boolean applied;

    private PyTorchLogLevel() {}

    /**
     * Sets the threshold to errors unless {@code TORCH_CPP_LOG_LEVEL} asks for another one. Call after
     * the PyTorch engine is loaded (its {@code libc10} is then found by name among the loaded libraries);
     * returns whether the flag is now at errors or above.
     */
    static synchronized boolean keepErrorsOnly() {
        if (applied) {
            return true;
        }
        if (System.getenv("TORCH_CPP_LOG_LEVEL") != null) {
            return false;
        }
        try {
            Pointer flag = NativeLibrary.getInstance("c10").getGlobalVariableAddress("FLAGS_caffe2_log_level");
            if (flag.getInt(0) < ERRORS) {
                flag.setInt(0, ERRORS);
            }
            applied = true;
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException notFound) {
            return false;
        }
    }

    /** The current threshold, or -1 when c10 is not loaded. */
    static int current() {
        try {
            return NativeLibrary.getInstance("c10").getGlobalVariableAddress("FLAGS_caffe2_log_level").getInt(0);
        } catch (UnsatisfiedLinkError | RuntimeException notFound) {
            return -1;
        }
    }
}
