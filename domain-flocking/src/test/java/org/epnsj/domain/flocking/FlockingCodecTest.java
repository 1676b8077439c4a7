package org.epnsj.domain.flocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.epnsj.api.data.InvalidDataException;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.data.TrajectoryCodec;
import org.epnsj.runtime.io.Npy;
import org.epnsj.runtime.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file layout: float32 (N, 4, T) per trajectory, read back as frames (T, N, 4). */
class FlockingCodecTest {

    private final TrajectoryCodec codec = new FlockingDomain().codec();

    @Test
    void aSimulatedTrajectoryRoundTripsInTheParticleMajorLayout(@TempDir Path dir) throws Exception {
        FlockingSimulator sim = new FlockingSimulator(FlockingDomain.physics("cpu"));
        SplittableRandom rng = new SplittableRandom(4);
        Trajectory t = sim.simulate(sim.initialState(rng), 12, rng);
        Path file = dir.resolve("000000.npy");
        codec.write(file, t);
        Trajectory back = codec.read(file);
        assertThat(back.length()).isEqualTo(12);
        assertThat(back.frameShape()).containsExactly(16, 4);
        for (int f = 0; f < 12; f++) {
            assertThat(back.frame(f)).containsExactly(t.frame(f));
        }
        NpyArray raw = Npy.read(file);
        assertThat(raw.shape()).containsExactly(16, 4, 12);
        // Entry (particle 3, channel vy, frame 7) of the file is frame 7's value at (3, 3).
        float[] values = raw.toFloatArray();
        assertThat(values[(3 * 4 + 3) * 12 + 7]).isEqualTo(t.frame(7)[3 * 4 + 3]);
        String header = new String(Files.readAllBytes(file), 0, 100, StandardCharsets.ISO_8859_1);
        assertThat(header).contains("'descr': '<f4'").contains("(16, 4, 12)");
    }

    @Test
    void filesOfAnotherDomainAreRejectedWithTheirShape(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bodies.npy");
        Npy.write(file, NpyArray.ofFloats(new long[] {5, 7, 3}, new float[105]));
        assertThatThrownBy(() -> codec.read(file)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("bodies.npy").hasMessageContaining("(5, 7, 3)");
    }
}
