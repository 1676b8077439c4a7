package org.epnsj.domain.nbody;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.random.RandomGeneratorFactory;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.Trajectory;
import org.epnsj.runtime.io.NpyTrajectoryCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NBodyPresetsTest {

    @Test
    void paperPresetHasTheSpecSplits() {
        var splits = NBodyPresets.paper().splits();
        assertThat(splits.keySet()).containsExactly("train", "val", "test", "test_same_init", "test_long");
        assertThat(splits.get("train").trajectories()).isEqualTo(800);
        assertThat(splits.get("val").trajectories()).isEqualTo(100);
        assertThat(splits.get("test").trajectories()).isEqualTo(100);
        assertThat(splits.get("test_same_init").trajectories()).isEqualTo(100);
        assertThat(splits.get("test_same_init").sharedInitialState()).isTrue();
        assertThat(splits.get("train").frames()).isEqualTo(1001);
        assertThat(splits.get("test_long").trajectories()).isEqualTo(50);
        assertThat(splits.get("test_long").frames()).isEqualTo(5001);
        assertThat(NBodyPresets.all()).extracting(p -> p.name()).containsExactly("tiny", "small", "cpu", "paper");
    }

    /**
     * The cpu preset keeps the paper's 100 same-init trajectories: the energy KS statistics compare that
     * many truth samples with the model's 100, where 20 gave a perfect model a statistic of about 0.2.
     */
    @Test
    void cpuPresetKeepsThePapersSameInitSplit() {
        var cpu = NBodyPresets.cpu().splits();
        assertThat(cpu.get("test_same_init").trajectories())
                .isEqualTo(NBodyPresets.paper().splits().get("test_same_init").trajectories());
        assertThat(cpu.get("train").trajectories()).isEqualTo(80);
        assertThat(cpu.get("test_same_init").frames()).isEqualTo(NBodyPresets.FRAMES);
    }

    /** The file holds (bodies, 7, T): element [i, c, t] is channel c of body i at frame t. */
    @Test
    void simulatedTrajectoryRoundTripsThroughTheReferenceLayout(@TempDir Path dir) throws Exception {
        StochasticNBodySimulator sim = new StochasticNBodySimulator();
        var rng = RandomGeneratorFactory.of("L64X256MixRandom").create(21);
        FloatTrajectory traj = sim.simulate(sim.initialState(rng), 12, rng);
        NpyTrajectoryCodec codec = NBodyPresets.codec(5);
        Path file = dir.resolve("traj" + codec.fileExtension());
        codec.write(file, traj);
        Trajectory back = codec.read(file);
        assertThat(back.length()).isEqualTo(12);
        assertThat(back.frameShape()).containsExactly(5, 7);
        for (int t = 0; t < 12; t++) {
            assertThat(back.frame(t)).containsExactly(traj.frame(t));
        }
        // Check the on-disk axis order directly: header shape and one element.
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertThat(header).contains("(5, 7, 12)");
        ByteBuffer data = ByteBuffer.wrap(bytes, 10 + headerLength, bytes.length - 10 - headerLength)
                .order(header.contains("'<f4'") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int body = 3;
        int channel = 5;
        int frame = 7;
        float onDisk = data.getFloat(10 + headerLength + 4 * ((body * 7 + channel) * 12 + frame));
        assertThat(onDisk).isEqualTo(traj.frame(frame)[body * 7 + channel]);
    }
}
