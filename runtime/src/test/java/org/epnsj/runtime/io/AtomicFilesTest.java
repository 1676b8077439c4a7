package org.epnsj.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReplaces() throws IOException {
        Path target = dir.resolve("a.txt");
        AtomicFiles.write(target, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.write(target, out -> {
            out.write("second".getBytes(StandardCharsets.UTF_8));
            out.close(); // a body that closes its stream must not break the flush and rename
        });
        assertThat(Files.readString(target)).isEqualTo("second");
        assertThat(listing()).containsExactly("a.txt");
    }

    @Test
    void failingBodyLeavesPreviousContentAndNoTempFile() throws IOException {
        Path target = dir.resolve("a.txt");
        Files.writeString(target, "previous");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full halfway");
        })).isInstanceOf(IOException.class).hasMessage("disk full halfway");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IllegalStateException("bug in the body");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(target)).isEqualTo("previous");
        assertThat(listing()).containsExactly("a.txt");
    }

    @Test
    void failingBodyCreatesNothingWhenTargetIsNew() {
        assertThatThrownBy(() -> AtomicFiles.write(dir.resolve("new.bin"), out -> {
            throw new IOException("nope");
        })).hasMessage("nope");
        assertThat(listing()).isEmpty();
    }

    @Test
    void missingFolderIsNamed() {
        Path target = dir.resolve("missing/a.txt");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> out.write(1)))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("folder " + dir.resolve("missing") + " does not exist");
    }

    private java.util.List<String> listing() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
