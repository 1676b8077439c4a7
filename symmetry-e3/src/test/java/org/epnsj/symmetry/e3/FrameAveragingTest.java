package org.epnsj.symmetry.e3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameAveragingTest {

    private static final int B = 4;
    private static final int N = 5;
    private static NDManager manager;
    private static NDManager pytorch;

    private final E3xSnGroup group = new E3xSnGroup(N);
    private final ParticleStateAction points = new ParticleStateAction(group, "points", 3, new int[] {0}, new int[0]);
    private final ParticleStateAction vectors = new ParticleStateAction(group, "vectors", 6, new int[0], new int[] {0, 3});

    @BeforeAll
    static void open() {
        manager = Engines.newManager(Engines.MXNET, DeviceKind.CPU);
        pytorch = Engines.newManager(Engines.PYTORCH, DeviceKind.CPU);
    }

    @AfterAll
    static void close() {
        manager.close();
        pytorch.close();
    }

    /**
     * A deliberately non-equivariant function of framed positions and velocities, equivariant under
     * body permutations only: per body tanh(y W + b) + 0.3 y² plus a sum over bodies; two 3-vector
     * outputs per body.
     */
    private static NDArray arbitrary(NDArray y, NDArray v) {
        NDManager m = y.getManager();
        Shape s = y.getShape();
        NDArray w = m.create(new double[] {0.9, -0.4, 0.2, 0.3, 1.1, -0.7, -0.5, 0.25, 0.8,
                0.1, 0.6, -0.3, -0.2, 0.4, 0.5, 0.7, -0.9, 0.05}, new Shape(6, 3));
        NDArray bias = m.create(new double[] {0.3, -0.1, 0.2});
        NDArray in = y.concat(v, 2).reshape(-1, 6);
        NDArray first = in.matMul(w).add(bias).tanh().reshape(s).add(y.square().mul(0.3));
        NDArray second = y.sum(new int[] {1}, true).mul(0.1).add(v.mul(v.sum(new int[] {2}, true)));
        return first.add(second).concat(second.sub(first.mul(0.5)), 2);
    }

    private static double[] randomCloud(RandomGenerator rng, int count) {
        double[] d = new double[count];
        for (int i = 0; i < count; i++) {
            d[i] = rng.nextGaussian();
        }
        return d;
    }

    /** Applies the frame-averaged function to B samples of (positions, velocities); returns (B, n, 6) flat. */
    private double[] averaged(FrameAveraging fa, double[] pos, double[] vel) {
        return averaged(manager, fa, pos, vel);
    }

    private static double[] averaged(NDManager root, FrameAveraging fa, double[] pos, double[] vel) {
        try (NDManager sub = root.newSubManager()) {
            NDArray p = sub.create(pos, new Shape(B, N, 3));
            NDArray v = sub.create(vel, new Shape(B, N, 3));
            return fa.apply(p, v, FrameAveragingTest::arbitrary).toDoubleArray();
        }
    }

    private static double[] sample(double[] flat, int b, int size) {
        return java.util.Arrays.copyOfRange(flat, b * size, (b + 1) * size);
    }

    /** Seed 77; 30 random elements of E(3) × S_5; float64 throughout; tolerance 1e-9. */
    @Test
    void makesAnArbitraryFunctionEquivariant() {
        RandomGenerator rng = RandomGeneratorFactory.of("L64X256MixRandom").create(77);
        FrameAveraging fa = new FrameAveraging();
        double worst = 0;
        double rawWorst = 0;
        for (int trial = 0; trial < 30; trial++) {
            E3xSnElement g = trial < group.testingElements().size() ? group.testingElements().get(trial) : group.sample(rng);
            double[] pos = randomCloud(rng, B * N * 3);
            double[] vel = randomCloud(rng, B * N * 3);
            double[] gPos = new double[pos.length];
            double[] gVel = new double[vel.length];
            for (int b = 0; b < B; b++) {
                System.arraycopy(points.act(g, new DoubleTensor(new long[] {N, 3}, sample(pos, b, N * 3))).data(), 0, gPos, b * N * 3, N * 3);
                E3xSnElement linear = new E3xSnElement(g.q(), new double[3], g.permutation());
                System.arraycopy(points.act(linear, new DoubleTensor(new long[] {N, 3}, sample(vel, b, N * 3))).data(), 0, gVel, b * N * 3, N * 3);
            }
            double[] out = averaged(fa, pos, vel);
            double[] gOut = averaged(fa, gPos, gVel);
            for (int b = 0; b < B; b++) {
                DoubleTensor expected = vectors.act(g, new DoubleTensor(new long[] {N, 6}, sample(out, b, N * 6)));
                worst = Math.max(worst, expected.maxAbsDifference(new DoubleTensor(new long[] {N, 6}, sample(gOut, b, N * 6))));
            }
            rawWorst = Math.max(rawWorst, rawError(g, pos, vel, gPos, gVel));
        }
        System.out.printf("frame averaging: max equivariance error %.2e (without averaging %.2e)%n", worst, rawWorst);
        assertThat(worst).isLessThan(1e-9);
        // Negative control: the raw function is far from equivariant.
        assertThat(rawWorst).isGreaterThan(1e-2);
        assertThat(fa.degenerateCount()).isZero();
    }

    private double rawError(E3xSnElement g, double[] pos, double[] vel, double[] gPos, double[] gVel) {
        try (NDManager sub = manager.newSubManager()) {
            double[] out = arbitrary(sub.create(pos, new Shape(B, N, 3)), sub.create(vel, new Shape(B, N, 3))).toDoubleArray();
            double[] gOut = arbitrary(sub.create(gPos, new Shape(B, N, 3)), sub.create(gVel, new Shape(B, N, 3))).toDoubleArray();
            double worst = 0;
            for (int b = 0; b < B; b++) {
                DoubleTensor expected = vectors.act(g, new DoubleTensor(new long[] {N, 6}, sample(out, b, N * 6)));
                worst = Math.max(worst, expected.maxAbsDifference(new DoubleTensor(new long[] {N, 6}, sample(gOut, b, N * 6))));
            }
            return worst;
        }
    }

    /** The same float64 computation on PyTorch agrees with MXNet to 1e-12 (seed 19). */
    @Test
    void pytorchAgreesWithMxnet() {
        RandomGenerator rng = RandomGeneratorFactory.of("L64X256MixRandom").create(19);
        double[] pos = randomCloud(rng, B * N * 3);
        double[] vel = randomCloud(rng, B * N * 3);
        double[] mx = averaged(manager, new FrameAveraging(), pos, vel);
        double[] pt = averaged(pytorch, new FrameAveraging(), pos, vel);
        for (int i = 0; i < mx.length; i++) {
            assertThat(pt[i]).isCloseTo(mx[i], org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    /**
     * Gradients reach a parameter inside the per-frame function although frame averaging closes its
     * intermediates: autograd agrees with central differences (step 1e-6, float64, tolerance 1e-6).
     */
    @ParameterizedTest
    @ValueSource(strings = {Engines.MXNET, Engines.PYTORCH})
    void gradientsFlowThroughTheAveraging(String engine) {
        NDManager root = engine.equals(Engines.MXNET) ? manager : pytorch;
        RandomGenerator rng = RandomGeneratorFactory.of("L64X256MixRandom").create(23);
        double[] pos = randomCloud(rng, B * N * 3);
        double[] w0 = randomCloud(rng, 9);
        FrameAveraging fa = new FrameAveraging();
        try (NDManager sub = root.newSubManager()) {
            NDArray p = sub.create(pos, new Shape(B, N, 3));
            NDArray w = sub.create(w0, new Shape(3, 3));
            w.setRequiresGradient(true);
            double[] grad;
            try (ai.djl.training.GradientCollector gc = sub.getEngine().newGradientCollector()) {
                NDArray out = fa.apply(p, null, (y, v) -> y.reshape(-1, 3).matMul(w).tanh().reshape(y.getShape()));
                NDArray loss = out.square().sum();
                gc.backward(loss);
                grad = w.getGradient().toDoubleArray();
            }
            for (int k : new int[] {0, 4, 7}) {
                double h = 1e-6;
                double[] plus = w0.clone();
                double[] minus = w0.clone();
                plus[k] += h;
                minus[k] -= h;
                double numeric = (lossAt(sub, fa, p, plus) - lossAt(sub, fa, p, minus)) / (2 * h);
                assertThat(grad[k]).as("dL/dW[%d] on %s", k, engine).isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    private static double lossAt(NDManager sub, FrameAveraging fa, NDArray p, double[] w) {
        NDArray wa = sub.create(w, new Shape(3, 3));
        return fa.apply(p, null, (y, v) -> y.reshape(-1, 3).matMul(wa).tanh().reshape(y.getShape()))
                .square().sum().getDouble();
    }

    @Test
    void framesAreOrthonormalWithAllEightSigns() {
        RandomGenerator rng = RandomGeneratorFactory.of("L64X256MixRandom").create(5);
        PcaFrames frames = new FrameAveraging().frames(randomCloud(rng, 2 * N * 3), 2, N);
        for (int b = 0; b < 2; b++) {
            int improper = 0;
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (int o = 0; o < FrameAveraging.FRAMES; o++) {
                E3xSnElement asElement = E3xSnElement.orthogonal(frames.frame(b, o)); // validates orthogonality
                improper += asElement.determinant() < 0 ? 1 : 0;
                distinct.add(java.util.Arrays.toString(frames.frame(b, o)));
            }
            assertThat(improper).isEqualTo(4);
            assertThat(distinct).hasSize(8);
            double[] lambda = java.util.Arrays.copyOfRange(frames.eigenvalues(), 3 * b, 3 * b + 3);
            assertThat(lambda).isSorted();
        }
    }

    @Test
    void degenerateCloudsGiveFiniteOutputsAndAreCounted() {
        double[] collinear = new double[N * 3];
        double[] coincident = new double[N * 3];
        double[] pentagon = new double[N * 3];
        for (int i = 0; i < N; i++) {
            collinear[3 * i] = i;
            collinear[3 * i + 1] = 2 * i;
            collinear[3 * i + 2] = -i;
            coincident[3 * i] = 1.5;
            pentagon[3 * i] = Math.cos(2 * Math.PI * i / N);
            pentagon[3 * i + 1] = Math.sin(2 * Math.PI * i / N);
        }
        double[] generic = randomCloud(RandomGeneratorFactory.of("L64X256MixRandom").create(3), N * 3);
        double[] pos = new double[B * N * 3];
        System.arraycopy(collinear, 0, pos, 0, N * 3);
        System.arraycopy(coincident, 0, pos, N * 3, N * 3);
        System.arraycopy(pentagon, 0, pos, 2 * N * 3, N * 3);
        System.arraycopy(generic, 0, pos, 3 * N * 3, N * 3);
        FrameAveraging fa = new FrameAveraging();
        double[] out = averaged(fa, pos, new double[B * N * 3]);
        assertThat(java.util.Arrays.stream(out).allMatch(Double::isFinite)).isTrue();
        assertThat(fa.degenerateCount()).isEqualTo(3);
        assertThat(fa.frames(pos, B, N).degenerate()).containsExactly(true, true, true, false);
        assertThat(fa.degenerateCount()).isEqualTo(6);
        FrameAveraging strict = new FrameAveraging(1e-6, FrameAveraging.DegeneracyPolicy.FAIL);
        assertThatThrownBy(() -> strict.frames(pos, B, N)).hasMessageContaining("sample 0").hasMessageContaining("degenerate");
    }

    @Test
    void averageInvariantAveragesEachSampleOverItsFrames() {
        try (NDManager sub = manager.newSubManager()) {
            double[] v = new double[2 * FrameAveraging.FRAMES];
            for (int i = 0; i < v.length; i++) {
                v[i] = i;
            }
            double[] avg = new FrameAveraging().averageInvariant(sub.create(v, new Shape(2 * FrameAveraging.FRAMES, 1)))
                    .toDoubleArray();
            assertThat(avg).containsExactly(3.5, 11.5);
        }
    }

    @Test
    void float32InputsStayFloat32AndCloseToFloat64() {
        RandomGenerator rng = RandomGeneratorFactory.of("L64X256MixRandom").create(8);
        double[] pos = randomCloud(rng, B * N * 3);
        double[] vel = randomCloud(rng, B * N * 3);
        FrameAveraging fa = new FrameAveraging();
        double[] reference = averaged(fa, pos, vel);
        try (NDManager sub = manager.newSubManager()) {
            NDArray p = sub.create(pos, new Shape(B, N, 3)).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            NDArray v = sub.create(vel, new Shape(B, N, 3)).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            NDArray out = fa.apply(p, v, (y, w) -> arbitrary(y.toType(ai.djl.ndarray.types.DataType.FLOAT64, false),
                    w.toType(ai.djl.ndarray.types.DataType.FLOAT64, false)).toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
            assertThat(out.getDataType()).isEqualTo(ai.djl.ndarray.types.DataType.FLOAT32);
            float[] got = out.toFloatArray();
            for (int i = 0; i < got.length; i++) {
                assertThat((double) got[i]).isCloseTo(reference[i], org.assertj.core.data.Offset.offset(1e-4));
            }
        }
    }
}
