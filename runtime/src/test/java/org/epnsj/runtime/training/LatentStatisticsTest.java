package org.epnsj.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.epnsj.runtime.distribution.Normal;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatentStatisticsTest {

    /** KL(N(mq, sq) || N(mp, sp)) by the closed form. */
    private static double kl(double mq, double sq, double mp, double sp) {
        return Math.log(sp / sq) + (sq * sq + (mq - mp) * (mq - mp)) / (2 * sp * sp) - 0.5;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void perDimensionKlIsSummedOverNodesAndAveragedOverTransitionsAcrossBatches(String engine) {
        // Latents (batch, nodes 3, dims 2) laid out [b][n][d]; two batches of 2 and 1 transitions.
        double[] mp = {0.0, 0.1, -0.2, 0.3, 0.5, 0.0, /* b1 */ 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
        double[] sp = {1.0, 0.5, 2.0, 1.0, 1.5, 0.8, /* b1 */ 1.0, 1.0, 0.9, 0.7, 1.1, 1.2};
        double[] mq = {0.4, 0.1, 0.0, -0.3, 0.5, 1.0, /* b1 */ 0.0, 0.6, -0.1, 0.1, 0.2, 0.3};
        double[] sq = {0.5, 0.5, 1.0, 0.2, 1.5, 0.4, /* b1 */ 0.9, 0.3, 0.9, 0.7, 1.0, 0.6};
        double[] mp2 = {0.2, -0.1, 0.0, 0.0, 0.3, 0.3};
        double[] sp2 = {0.6, 1.0, 1.0, 2.0, 0.9, 1.0};
        double[] mq2 = {0.2, 0.5, 1.0, 0.0, 0.3, -0.3};
        double[] sq2 = {0.6, 0.4, 0.5, 2.0, 0.9, 0.2};
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            LatentStatistics stats = new LatentStatistics();
            Normal p1 = new Normal(m.create(mp, new Shape(2, 3, 2)), m.create(sp, new Shape(2, 3, 2)));
            Normal q1 = new Normal(m.create(mq, new Shape(2, 3, 2)), m.create(sq, new Shape(2, 3, 2)));
            stats.add(p1, q1, q1.kl(p1));
            Normal p2 = new Normal(m.create(mp2, new Shape(1, 3, 2)), m.create(sp2, new Shape(1, 3, 2)));
            Normal q2 = new Normal(m.create(mq2, new Shape(1, 3, 2)), m.create(sq2, new Shape(1, 3, 2)));
            stats.add(p2, q2, q2.kl(p2));
            EpochDiagnostics d = stats.finish(0, Map.of());

            double[] kl = new double[2];
            double[] priorSigma = new double[2];
            double[] posteriorSigma = new double[2];
            double[] shift = new double[2];
            for (int i = 0; i < 12; i++) {
                kl[i % 2] += kl(mq[i], sq[i], mp[i], sp[i]);
                priorSigma[i % 2] += sp[i];
                posteriorSigma[i % 2] += sq[i];
                shift[i % 2] += Math.abs(mq[i] - mp[i]);
            }
            for (int i = 0; i < 6; i++) {
                kl[i % 2] += kl(mq2[i], sq2[i], mp2[i], sp2[i]);
                priorSigma[i % 2] += sp2[i];
                posteriorSigma[i % 2] += sq2[i];
                shift[i % 2] += Math.abs(mq2[i] - mp2[i]);
            }
            assertThat(d.latentNodes()).isEqualTo(3);
            assertThat(d.dimensions()).isEqualTo(2);
            for (int dim = 0; dim < 2; dim++) {
                // 3 transitions; the scales and shifts are averaged over 3 transitions x 3 nodes.
                assertThat(d.klPerDimension().get(dim)).as("KL of dim %d", dim).isCloseTo(kl[dim] / 3, within(1e-12));
                assertThat(d.priorSigma().get(dim)).isCloseTo(priorSigma[dim] / 9, within(1e-12));
                assertThat(d.posteriorSigma().get(dim)).isCloseTo(posteriorSigma[dim] / 9, within(1e-12));
                assertThat(d.meanShift().get(dim)).isCloseTo(shift[dim] / 9, within(1e-12));
            }
            assertThat(d.klPerDimension().get(0)).isGreaterThan(0.5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void aDimensionIsActiveWhenItsKlPerNodeExceedsTheThreshold(String engine) {
        // Unit sigmas, KL = shift^2 / 2 per element. Dim 0: 0.02 per node (active). Dim 1: 0.008 per node,
        // inactive although its sum over the 3 nodes (0.024) exceeds the threshold. Dim 2: 0.
        double s0 = Math.sqrt(0.04);
        double s1 = Math.sqrt(0.016);
        double[] shifts = new double[2 * 3 * 3];
        for (int i = 0; i < shifts.length; i += 3) {
            shifts[i] = s0;
            shifts[i + 1] = s1;
        }
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            Shape shape = new Shape(2, 3, 3);
            Normal prior = new Normal(m.zeros(shape, DataType.FLOAT64),
                    m.ones(new Shape(2, 3, 1), DataType.FLOAT64));
            Normal posterior = new Normal(m.create(shifts, shape), m.ones(shape, DataType.FLOAT64));
            LatentStatistics stats = new LatentStatistics();
            stats.add(prior, posterior, posterior.kl(prior));
            EpochDiagnostics d = stats.finish(0, Map.of());
            double[] expected = {0.06, 0.024, 0.0};
            for (int dim = 0; dim < 3; dim++) {
                assertThat(d.klPerDimension().get(dim)).as("KL of dim %d", dim).isCloseTo(expected[dim], within(1e-12));
            }
            assertThat(d.activeUnitThreshold()).isEqualTo(0.01);
            assertThat(d.activeUnits()).isEqualTo(1);
            // A prior sigma shared over the last axis (broadcast) is averaged per dimension as if repeated.
            assertThat(d.priorSigma()).containsExactly(1.0, 1.0, 1.0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void aCollapsedLatentWhosePosteriorIsThePriorHasNoActiveUnits(String engine) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            // A global latent (batch 4, dims 3): posterior = prior.
            Normal prior = new Normal(m.create(new double[] {0.3, -1, 2, 0, 0.5, 0.1, 1, 1, 1, -2, 0, 4}, new Shape(4, 3)),
                    m.create(new double[] {0.1, 1, 3, 0.5, 0.5, 0.5, 2, 1, 0.7, 1, 1, 0.2}, new Shape(4, 3)));
            LatentStatistics stats = new LatentStatistics();
            stats.add(prior, prior, prior.kl(prior));
            EpochDiagnostics d = stats.finish(0, Map.of());
            assertThat(d.latentNodes()).isEqualTo(1);
            assertThat(d.klPerDimension()).allSatisfy(v -> assertThat(v).isCloseTo(0.0, within(1e-15)));
            assertThat(d.activeUnits()).isZero();
            assertThat(d.meanShift()).containsExactly(0.0, 0.0, 0.0);
            assertThat(d.posteriorSigma()).isEqualTo(d.priorSigma());
        }
    }
}
