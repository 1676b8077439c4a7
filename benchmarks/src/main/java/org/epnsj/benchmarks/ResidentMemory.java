package org.epnsj.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The peak resident memory of this process (Linux's {@code VmHWM}): native tensors, the Java heap and
 * the engines' libraries together. Each JMH fork measures one parameter combination, so the figure a
 * benchmark prints at the end of its trial is that combination's peak.
 */
final class ResidentMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {}

    /** The peak resident set in bytes, or empty where the system does not report it. */
    static OptionalLong peakBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024L);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** One line for a benchmark's output: {@code peak resident memory [what]: 1234 MiB}. */
    static String report(String what) {
        OptionalLong peak = peakBytes();
        return "peak resident memory [" + what + "]: " + (peak.isPresent()
                ? String.format(Locale.ROOT, "%d MiB", peak.getAsLong() >> 20) : "not reported by this system");
    }
}
