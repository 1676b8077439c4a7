package org.epnsj.runtime.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.noise.SeededNoise;
import org.junit.jupiter.api.Test;

class EnsembleNoiseTest {

    @Test
    void anyWholeChunkSplitDrawsTheSameNumbers() {
        try (NDManager m = Engines.newManager("MXNet", org.epnsj.runtime.engine.DeviceKind.CPU)) {
            int c = EnsembleNoise.CHUNK;
            int total = 2 * c + 5;
            EnsembleNoise whole = new EnsembleNoise(42, 0, total);
            EnsembleNoise[] parts = {new EnsembleNoise(42, 0, c), new EnsembleNoise(42, c, c),
                new EnsembleNoise(42, 2 * c, 5)};
            int[] sizes = {c, c, 5};
            for (int draw = 0; draw < 3; draw++) {
                float[] expected = draw == 1 ? whole.uniform(m, new Shape(total, 3, 2), DataType.FLOAT32).toFloatArray()
                        : whole.normal(m, new Shape(total, 3, 2), DataType.FLOAT32).toFloatArray();
                float[] joined = new float[0];
                for (int p = 0; p < parts.length; p++) {
                    Shape shape = new Shape(sizes[p], 3, 2);
                    float[] part = draw == 1 ? parts[p].uniform(m, shape, DataType.FLOAT32).toFloatArray()
                            : parts[p].normal(m, shape, DataType.FLOAT32).toFloatArray();
                    float[] grown = Arrays.copyOf(joined, joined.length + part.length);
                    System.arraycopy(part, 0, grown, joined.length, part.length);
                    joined = grown;
                }
                assertThat(joined).as("draw %d", draw).containsExactly(expected);
            }
        }
    }

    @Test
    void anEnsembleOfOneChunkDrawsWhatSeededNoiseDraws() {
        try (NDManager m = Engines.newManager("MXNet", org.epnsj.runtime.engine.DeviceKind.CPU)) {
            EnsembleNoise ensemble = new EnsembleNoise(7, 0, 4);
            SeededNoise plain = new SeededNoise(7);
            for (int draw = 0; draw < 2; draw++) {
                assertThat(ensemble.normal(m, new Shape(4, 5), DataType.FLOAT64).toDoubleArray())
                        .containsExactly(plain.normal(m, new Shape(4, 5), DataType.FLOAT64).toDoubleArray());
            }
        }
    }

    @Test
    void aDrawWhoseFirstAxisIsNotTheEnsembleIsRefused() {
        try (NDManager m = Engines.newManager("MXNet", org.epnsj.runtime.engine.DeviceKind.CPU)) {
            assertThatThrownBy(() -> new EnsembleNoise(7, 0, 4).normal(m, new Shape(8, 5), DataType.FLOAT32))
                    .hasMessageContaining("first axis must be the 4 members").hasMessageContaining("(8, 5)");
            assertThatThrownBy(() -> new EnsembleNoise(7, 5, 4)).hasMessageContaining("firstMember 5");
        }
    }
}
