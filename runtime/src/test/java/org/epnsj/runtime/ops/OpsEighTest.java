package org.epnsj.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Random;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plain-Java 3×3 symmetric eigen decomposition and its batched NDArray wrapper. */
class OpsEighTest {

    /** Checks V diag(λ) Vᵀ = M, VᵀV = I and ascending order, failing with a message naming the entry. */
    private static void assertDecomposes(double[] m9, double[] values, double[] vectors, double tolerance, String what) {
        double norm = 0;
        for (double v : m9) {
            norm = Math.max(norm, Math.abs(v));
        }
        double scale = Math.max(norm, Double.MIN_NORMAL);
        for (double v : values) {
            assertThat(Double.isFinite(v)).as(what + ": finite eigenvalues").isTrue();
        }
        assertThat(values[0]).as(what + ": ascending").isLessThanOrEqualTo(values[1]);
        assertThat(values[1]).as(what + ": ascending").isLessThanOrEqualTo(values[2]);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double rec = 0;
                double dot = 0;
                for (int k = 0; k < 3; k++) {
                    rec += vectors[3 * i + k] * values[k] * vectors[3 * j + k];
                    dot += vectors[3 * k + i] * vectors[3 * k + j];
                }
                double sym = 0.5 * (m9[3 * i + j] + m9[3 * j + i]);
                assertThat(Math.abs(rec - sym) / scale).as(what + ": reconstruction (%d, %d)", i, j)
                        .isLessThanOrEqualTo(tolerance);
                assertThat(Math.abs(dot - (i == j ? 1 : 0))).as(what + ": orthonormality (%d, %d)", i, j)
                        .isLessThanOrEqualTo(tolerance);
            }
        }
    }

    private static double[] randomSymmetric(Random random) {
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = i; j < 3; j++) {
                m[3 * i + j] = random.nextGaussian();
                m[3 * j + i] = m[3 * i + j];
            }
        }
        return m;
    }

    /** Q diag(d) Qᵀ with a random orthogonal Q (from the decomposition of a random matrix). */
    private static double[] withSpectrum(Random random, double... d) {
        double[] q = new double[9];
        Ops.jacobiEigen3(randomSymmetric(random), q);
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    m[3 * i + j] += q[3 * i + k] * d[k] * q[3 * j + k];
                }
            }
        }
        return m;
    }

    @Test
    void randomMatricesDecomposeToMachinePrecision() {
        Random random = new Random(42);
        for (int trial = 0; trial < 2000; trial++) {
            double[] m = randomSymmetric(random);
            double[] vectors = new double[9];
            double[] values = Ops.jacobiEigen3(m, vectors);
            assertDecomposes(m, values, vectors, 1e-12, "trial " + trial);
        }
    }

    @Test
    void knownSpectrumIsRecovered() {
        Random random = new Random(7);
        double[] m = withSpectrum(random, 3, -1, 2);
        double[] values = Ops.jacobiEigen3(m, null);
        assertThat(values[0]).isCloseTo(-1, within(1e-12));
        assertThat(values[1]).isCloseTo(2, within(1e-12));
        assertThat(values[2]).isCloseTo(3, within(1e-12));
    }

    @Test
    void degenerateInputsGiveFiniteOrthonormalResults() {
        Random random = new Random(11);
        double[][] cases = {
            new double[9], // zero matrix
            {2, 0, 0, 0, 2, 0, 0, 0, 2}, // multiple of the identity
            {3, 0, 0, 0, 1, 0, 0, 0, 2}, // diagonal, unsorted
            withSpectrum(random, 1, 1, 5), // repeated smallest eigenvalue
            withSpectrum(random, -2, 4, 4), // repeated largest eigenvalue
            {0, 1, 0, 1, 0, 0, 0, 0, 0}, // zero diagonal
            {1, 1, 1, 1, 1, 1, 1, 1, 1}, // rank one
            {1e-200, 3e-201, 0, 3e-201, 2e-200, 0, 0, 0, 5e-201}, // tiny scale
            {1e200, 3e199, 0, 3e199, 2e200, 0, 0, 0, 5e199}, // huge scale
            {1, 1e-17, 0, 1e-17, 1, 1e-17, 0, 1e-17, 1}, // nearly a multiple of the identity
        };
        for (int c = 0; c < cases.length; c++) {
            double[] vectors = new double[9];
            double[] values = Ops.jacobiEigen3(cases[c], vectors);
            assertDecomposes(cases[c], values, vectors, 1e-12, "case " + c);
        }
        double[] diagonal = new double[9];
        assertThat(Ops.jacobiEigen3(cases[2], diagonal)).containsExactly(1, 2, 3);
        // Eigenvectors of a diagonal matrix are the axes, as columns in eigenvalue order: e1, e2, e0.
        assertThat(diagonal).containsExactly(0, 0, 1, 1, 0, 0, 0, 1, 0);
        assertThat(Ops.jacobiEigen3(cases[0], null)).containsExactly(0, 0, 0);
    }

    @Test
    void onlyTheSymmetricPartIsUsed() {
        double[] sym = randomSymmetric(new Random(3));
        double[] skewed = sym.clone();
        skewed[1] += 0.5;
        skewed[3] -= 0.5;
        assertThat(Ops.jacobiEigen3(skewed, null)).containsExactly(Ops.jacobiEigen3(sym, null));
        assertThatThrownBy(() -> Ops.jacobiEigen3(new double[8], null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void batchedEighMatchesThePlainJavaSolver(String engine) {
        Random random = new Random(5);
        double[] host = new double[4 * 2 * 9];
        for (int i = 0; i < 8; i++) {
            System.arraycopy(i == 3 ? withSpectrum(random, 1, 1, 1) : randomSymmetric(random), 0, host, 9 * i, 9);
        }
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            NDArray input = m.create(host, new Shape(4, 2, 3, 3));
            try (SymmetricEigen eig = Ops.eigh3(input)) {
                assertThat(eig.values().getShape()).isEqualTo(new Shape(4, 2, 3));
                assertThat(eig.vectors().getShape()).isEqualTo(new Shape(4, 2, 3, 3));
                assertThat(eig.values().getDataType()).isEqualTo(DataType.FLOAT64);
                assertThat(eig.values().getManager()).isSameAs(m);
                double[] values = eig.values().toDoubleArray();
                double[] vectors = eig.vectors().toDoubleArray();
                for (int i = 0; i < 8; i++) {
                    double[] m9 = Arrays.copyOfRange(host, 9 * i, 9 * i + 9);
                    double[] v9 = new double[9];
                    double[] l3 = Ops.jacobiEigen3(m9, v9);
                    assertThat(Arrays.copyOfRange(values, 3 * i, 3 * i + 3)).containsExactly(l3);
                    assertThat(Arrays.copyOfRange(vectors, 9 * i, 9 * i + 9)).containsExactly(v9);
                    assertDecomposes(m9, l3, v9, 1e-12, "matrix " + i);
                }
            }
            assertThat(input.toDoubleArray()).as("input untouched").containsExactly(host);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void float32InputGivesFloat32OutputAndWorksInsideARecordedGraph(String engine) {
        double[] m9 = withSpectrum(new Random(9), -1, 0.5, 2);
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            NDArray input = new HostTensor(m9, 3, 3).toFloat32(m);
            input.setRequiresGradient(true);
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray recorded = input.mul(2);
                try (SymmetricEigen eig = Ops.eigh3(recorded)) {
                    assertThat(eig.values().getDataType()).isEqualTo(DataType.FLOAT32);
                    assertThat(eig.vectors().getDataType()).isEqualTo(DataType.FLOAT32);
                    float[] values = eig.values().toFloatArray();
                    assertThat(values[0]).isCloseTo(-2f, within(1e-5f));
                    assertThat(values[1]).isCloseTo(1f, within(1e-5f));
                    assertThat(values[2]).isCloseTo(4f, within(1e-5f));
                }
                // Reading a host copy must leave the recorded graph intact.
                gc.backward(recorded.sum());
            }
            try (NDArray grad = input.getGradient()) {
                assertThat(grad.toFloatArray()).containsOnly(2f);
            }
            assertThatThrownBy(() -> Ops.eigh3(m.zeros(new Shape(2, 3, 4)))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(..., 3, 3)");
        }
    }
}
