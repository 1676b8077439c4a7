package org.epnsj.examples.lineargaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.examples.so2.PlanarRotationAction;
import org.epnsj.examples.so2.Rotation;
import org.epnsj.examples.so2.So2Group;
import org.epnsj.runtime.distribution.Normal;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.noise.SeededNoise;
import org.junit.jupiter.api.Test;

/** Each component of the planar EPNS is SO(2)-equivariant to float64 round-off. */
class LinearGaussianModelEquivarianceTest {

    @Test
    void componentsCommuteWithRotations() {
        So2Group group = new So2Group();
        PlanarRotationAction act = new PlanarRotationAction(group, "planar");
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            LinearGaussianModel model = new LinearGaussianModel(new ModelContext(m, DataType.FLOAT64, 5), 16, 2);
            NDArray x = new SeededNoise(1).normal(m, new Shape(6, 2), DataType.FLOAT64);
            NDArray y = new SeededNoise(2).normal(m, new Shape(6, 2), DataType.FLOAT64);
            NDArray z = new SeededNoise(3).normal(m, new Shape(6, 2, 2), DataType.FLOAT64);
            for (Rotation g : group.testingElements()) {
                NDList h = model.forwardModel().forward(x, false);
                NDList gh = model.forwardModel().forward(act.act(g, x), false);
                assertClose(gh.get(0), h.get(0));
                Normal prior = (Normal) model.prior().prior(h, false);
                Normal gPrior = (Normal) model.prior().prior(gh, false);
                assertClose(gPrior.mean(), act.act(g, prior.mean()));
                assertClose(gPrior.sigma(), prior.sigma());
                Normal post = (Normal) model.posterior().posterior(h, y, false);
                Normal gPost = (Normal) model.posterior().posterior(gh, act.act(g, y), false);
                assertClose(gPost.mean(), act.act(g, post.mean()));
                Normal dec = (Normal) model.decoder().decode(h, z, false);
                Normal gDec = (Normal) model.decoder().decode(gh, act.act(g, z), false);
                assertClose(gDec.mean(), act.act(g, dec.mean()));
                assertClose(gDec.sigma(), dec.sigma());
            }
        }
    }

    @Test
    void theCheckFailsWhenTheLatentIsNotRotatedWithTheState() {
        // Negative control: the latent is equivariant, so leaving z unrotated must break the decoder check.
        So2Group group = new So2Group();
        PlanarRotationAction act = new PlanarRotationAction(group, "planar");
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            LinearGaussianModel model = new LinearGaussianModel(new ModelContext(m, DataType.FLOAT64, 5), 16, 2);
            NDArray x = new SeededNoise(1).normal(m, new Shape(6, 2), DataType.FLOAT64);
            NDArray z = new SeededNoise(3).normal(m, new Shape(6, 2, 2), DataType.FLOAT64);
            Rotation quarter = new Rotation(Math.PI / 2);
            NDList h = model.forwardModel().forward(x, false);
            NDList gh = model.forwardModel().forward(act.act(quarter, x), false);
            double[] broken = ((Normal) model.decoder().decode(gh, z, false)).mean().toDoubleArray();
            double[] expected = act.act(quarter, ((Normal) model.decoder().decode(h, z, false)).mean()).toDoubleArray();
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(broken[i] - expected[i]));
            }
            assertThat(worst).isGreaterThan(1e-3);
        }
    }

    private static void assertClose(NDArray actual, NDArray expected) {
        assertThat(actual.toDoubleArray()).containsExactly(expected.toDoubleArray(), within(1e-12));
    }
}
