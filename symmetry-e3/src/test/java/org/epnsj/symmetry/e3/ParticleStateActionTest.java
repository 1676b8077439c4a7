package org.epnsj.symmetry.e3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParticleStateActionTest {

    private static final int N = 5;
    private final E3xSnGroup group = new E3xSnGroup(N);
    private final ParticleStateAction action = ParticleStateAction.nBody(group);

    private static DoubleTensor randomState(RandomGenerator rng) {
        double[] d = new double[N * 7];
        for (int i = 0; i < d.length; i++) {
            d[i] = i % 7 == 0 ? 0.5 + rng.nextDouble() : rng.nextGaussian();
        }
        return new DoubleTensor(new long[] {N, 7}, d);
    }

    private List<E3xSnElement> elements(long seed, int samples) {
        List<E3xSnElement> all = new ArrayList<>(group.testingElements());
        RandomGenerator rng = RandomGeneratorFactory.of("L64X256MixRandom").create(seed);
        for (int i = 0; i < samples; i++) {
            all.add(group.sample(rng));
        }
        return all;
    }

    @Test
    void actsOnChannelsAsSpecified() {
        // Body 0 at (1, 2, 3) with velocity (4, 5, 6); rotate by pi/2 about z, shift, swap bodies 0 and 1.
        double[] d = new double[N * 7];
        double[] body0 = {0.7, 1, 2, 3, 4, 5, 6};
        System.arraycopy(body0, 0, d, 0, 7);
        E3xSnElement g = group.compose(E3xSnElement.permutation(1, 0),
                group.compose(E3xSnElement.translation(10, 20, 30),
                        E3xSnElement.orthogonal(Matrices3.axisRotation(2, Math.PI / 2))));
        double[] out = action.act(g, new DoubleTensor(new long[] {N, 7}, d)).data();
        // Body 0 now sits in slot 1: mass kept, position R(1,2,3)+t = (-2,1,3)+t, velocity R(4,5,6) = (-5,4,6).
        double[] expected = {0.7, 8, 21, 33, -5, 4, 6};
        for (int c = 0; c < 7; c++) {
            assertThat(out[7 + c]).as("channel %d", c).isEqualTo(expected[c]);
        }
        // Body 1 (all zeros) moved to slot 0: only the translation shows.
        assertThat(new double[] {out[0], out[1], out[2], out[3], out[4]}).containsExactly(0, 10, 20, 30, 0);
    }

    @Test
    void isALeftAction() {
        RandomGenerator rng = RandomGeneratorFactory.of("L64X256MixRandom").create(5);
        List<E3xSnElement> all = elements(7, 50);
        for (int i = 0; i < all.size(); i++) {
            E3xSnElement g = all.get(i);
            E3xSnElement h = all.get((i * 11 + 1) % all.size());
            DoubleTensor x = randomState(rng);
            DoubleTensor stepwise = action.act(g, action.act(h, x));
            DoubleTensor composed = action.act(group.compose(g, h), x);
            assertThat(stepwise.maxAbsDifference(composed)).as("g=%s h=%s", g, h).isLessThan(1e-12);
            assertThat(action.act(group.identity(), x)).isEqualTo(x);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Engines.MXNET, Engines.PYTORCH})
    void arrayFormMatchesReferenceInFloat64(String engine) {
        RandomGenerator rng = RandomGeneratorFactory.of("L64X256MixRandom").create(9);
        int batch = 3;
        try (NDManager manager = Engines.newManager(engine, DeviceKind.CPU)) {
            for (E3xSnElement g : elements(13, 20)) {
                DoubleTensor[] xs = new DoubleTensor[batch];
                double[] flat = new double[batch * N * 7];
                for (int b = 0; b < batch; b++) {
                    xs[b] = randomState(rng);
                    System.arraycopy(xs[b].data(), 0, flat, b * N * 7, N * 7);
                }
                try (NDManager sub = manager.newSubManager()) {
                    NDArray x = sub.create(flat, new Shape(batch, N, 7));
                    NDArray y = action.act(g, x);
                    assertThat(y.getDataType()).isEqualTo(DataType.FLOAT64);
                    assertThat(y.getShape()).isEqualTo(new Shape(batch, N, 7));
                    double[] got = y.toDoubleArray();
                    for (int b = 0; b < batch; b++) {
                        double[] want = action.act(g, xs[b]).data();
                        for (int k = 0; k < want.length; k++) {
                            assertThat(got[b * N * 7 + k]).as("g=%s b=%d k=%d", g, b, k).isCloseTo(want[k],
                                    org.assertj.core.data.Offset.offset(1e-12));
                        }
                    }
                }
            }
        }
    }

    @Test
    void rejectsWrongShapesAndTooSmallStates() {
        assertThatThrownBy(() -> action.act(group.identity(), DoubleTensor.zeros(5, 6))).hasMessageContaining("(n, 7)");
        E3xSnElement cycleOfFour = E3xSnElement.permutation(1, 2, 3, 0);
        assertThatThrownBy(() -> action.act(cycleOfFour, DoubleTensor.zeros(3, 7))).hasMessageContaining("n = 3");
        assertThatThrownBy(() -> new ParticleStateAction(group, "bad", 7, new int[] {1}, new int[] {2}))
                .hasMessageContaining("channel 2");
    }
}
