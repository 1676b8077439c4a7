package org.epnsj.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.epnsj.api.training.FreeBitsGrouping;
import org.epnsj.runtime.distribution.Normal;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ElboTest {

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void freeBitsKeepTheValueButDetachElementsWhoseBatchAverageIsBelowLambda(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            // KL elements = theta^2, batch 2 x 3 latent positions. Batch averages: 0.05, 1.0, 0.125.
            NDArray theta = m.create(new double[] {0.1, 1.0, 0.3, 0.3, 1.0, 0.4}, new Shape(2, 3));
            theta.setRequiresGradient(true);
            double value;
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray kl = theta.square();
                NDArray fb = Elbo.applyFreeBits(kl, 0.12, FreeBitsGrouping.PER_ELEMENT);
                value = fb.sum().getDouble();
                gc.backward(fb.sum());
            }
            assertThat(value).isCloseTo(0.01 + 1 + 0.09 + 0.09 + 1 + 0.16, within(1e-12));
            // Position 0 (average 0.05 < 0.12) is detached; positions 1 and 2 keep d(theta^2) = 2 theta.
            assertThat(theta.getGradient().toDoubleArray())
                    .containsExactly(new double[] {0, 2.0, 0.6, 0, 2.0, 0.8}, within(1e-12));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void perDimensionFreeBitsPoolTheStatisticOverNodesAndDetachTheDimensionForEveryNode(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            // KL elements = theta^2 of shape (batch 2, nodes 3, dims 2), laid out [b][n][d].
            double[] t = {0.1, 0.5, 0.2, 0.0, 0.3, 0.0, 0.2, 0.0, 0.1, 0.0, 0.4, 0.1};
            NDArray theta = m.create(t, new Shape(2, 3, 2));
            theta.setRequiresGradient(true);
            // By hand: sum over batch and nodes, divided by the batch size 2.
            double dim0 = (0.01 + 0.04 + 0.09 + 0.04 + 0.01 + 0.16) / 2; // 0.175
            double dim1 = (0.25 + 0 + 0 + 0 + 0 + 0.01) / 2; // 0.13
            NDArray statistic = Elbo.freeBitsStatistic(theta.square(), FreeBitsGrouping.PER_DIMENSION);
            assertThat(statistic.getShape()).isEqualTo(new Shape(1, 1, 2));
            assertThat(statistic.toDoubleArray()).containsExactly(new double[] {dim0, dim1}, within(1e-12));
            // The per-element statistic of the same tensor would detach (node 1, dim 0): 0.04 / 2 + 0.01 / 2 < 0.15.
            assertThat(Elbo.freeBitsStatistic(theta.square(), FreeBitsGrouping.PER_ELEMENT).toDoubleArray()[2])
                    .isCloseTo(0.025, within(1e-12));

            // lambda 0.15 lies between the two: dimension 1 (0.13) is detached at every node, dimension 0 at none.
            double value;
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray fb = Elbo.applyFreeBits(theta.square(), 0.15, FreeBitsGrouping.PER_DIMENSION);
                value = fb.sum().getDouble();
                gc.backward(fb.sum());
            }
            double total = 0;
            double[] expected = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                total += t[i] * t[i];
                expected[i] = i % 2 == 0 ? 2 * t[i] : 0;
            }
            assertThat(value).isCloseTo(total, within(1e-12));
            assertThat(theta.getGradient().toDoubleArray()).containsExactly(expected, within(1e-12));
        }
    }

    /**
     * With the prior's gradient kept, an element below lambda trains the prior toward the posterior
     * (dKL/dmu_p = (mu_p - mu_q) / sigma_p^2) and not the posterior; one above lambda trains both; the
     * value is the KL either way.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void aDetachedElementStillTrainsThePriorWhenAsked(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            // Batch 1, two latent positions; KL(q || p) = (mu_q - mu_p)^2 / 2 with unit sigmas: 0.02 and 0.5.
            double[] values = new double[2];
            for (boolean priorGradient : new boolean[] {false, true}) {
                // Fresh leaves each time: PyTorch adds a second backward's gradients to the first's.
                NDArray muQ = m.create(new double[] {0.2, 1.0}, new Shape(1, 2));
                NDArray muP = m.create(new double[] {0.0, 0.0}, new Shape(1, 2));
                NDArray sigma = m.ones(new Shape(1, 2), muQ.getDataType());
                muQ.setRequiresGradient(true);
                muP.setRequiresGradient(true);
                try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                    Normal q = new Normal(muQ, sigma);
                    Normal p = new Normal(muP, sigma);
                    NDArray kl = q.kl(p);
                    NDArray fb = Elbo.applyFreeBits(kl, 0.1, FreeBitsGrouping.PER_ELEMENT,
                            priorGradient ? q.detached().kl(p) : null);
                    values[priorGradient ? 1 : 0] = fb.sum().getDouble();
                    gc.backward(fb.sum());
                }
                // Position 0 (0.02 < 0.1) is below lambda, position 1 (0.5) above: d/dmu_q = mu_q - mu_p.
                assertThat(muQ.getGradient().toDoubleArray()).as("posterior, prior gradient " + priorGradient)
                        .containsExactly(new double[] {0, 1.0}, within(1e-12));
                assertThat(muP.getGradient().toDoubleArray()).as("prior, prior gradient " + priorGradient)
                        .containsExactly(new double[] {priorGradient ? -0.2 : 0, -1.0}, within(1e-12));
            }
            assertThat(values[0]).isCloseTo(0.52, within(1e-12));
            assertThat(values[1]).isCloseTo(0.52, within(1e-12));
        }
    }
}
