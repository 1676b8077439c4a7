package org.epnsj.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativeHeapTest {

    @Test
    void glibcAcceptsTheSettingsAndASecondCallKeepsThem() {
        // Debian's glibc, as on every machine of this project; elsewhere the call reports false.
        boolean glibc = Files.exists(Path.of("/lib/x86_64-linux-gnu/libc.so.6"))
                || Files.exists(Path.of("/lib64/libc.so.6"));
        assertThat(NativeHeap.keepFreedMemory()).isEqualTo(glibc);
        assertThat(NativeHeap.keepFreedMemory()).isEqualTo(glibc);
    }
}
