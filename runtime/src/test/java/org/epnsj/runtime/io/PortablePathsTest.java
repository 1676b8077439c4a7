package org.epnsj.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PortablePathsTest {

    @Test
    void aPathIsRecordedRelativeToItsFolderAndReadBackAgainstIt() {
        Path results = Path.of("/srv/exp/main-comparison");
        Path run = Path.of("/srv/exp/runs/nbody-cpu-d1-epns-nall-s1");
        String recorded = PortablePaths.relative(results, run);
        assertThat(recorded).isEqualTo("../runs/nbody-cpu-d1-epns-nall-s1");
        assertThat(PortablePaths.resolve(Path.of("/elsewhere/exp/main-comparison"), recorded))
                .isEqualTo(Path.of("/elsewhere/exp/runs/nbody-cpu-d1-epns-nall-s1"));
        assertThat(PortablePaths.relative(results, results)).isEqualTo(".");
    }

    @Test
    void anAbsoluteRecordedPathFromAnOlderFileIsKept() {
        assertThat(PortablePaths.resolve(Path.of("/a/b"), "/srv/exp/runs/x")).isEqualTo(Path.of("/srv/exp/runs/x"));
    }
}
