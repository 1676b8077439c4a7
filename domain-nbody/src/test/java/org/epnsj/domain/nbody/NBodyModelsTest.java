package org.epnsj.domain.nbody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.epnsj.api.group.SymmetryKind;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.Readout;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.nn.ParameterSet;
import org.epnsj.symmetry.e3.E3xSnGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NBodyModelsTest {

    private final NBodyDomain domain = new NBodyDomain();

    /** Spec §3.4–3.6: the reference's parameter counts at paper size. */
    @ParameterizedTest
    @CsvSource({"epns, 1839177", "epns-global, 1839177", "pns-gnn, 1838286", "pns-mlp, 5371526"})
    void paperPresetParameterCountsMatchTheReference(String model, long expected) {
        try (NDManager m = Engines.newManager("MXNet", DeviceKind.CPU)) {
            TransitionModel t = domain.createModel(model, "paper", new ModelContext(m, DataType.FLOAT32, 1));
            long count = t.parameters().values().stream().mapToLong(a -> a.getShape().size()).sum();
            assertThat(count).isEqualTo(expected);
        }
    }

    private static NDArray states(NDManager m, int batch, long seed) {
        StochasticNBodySimulator sim = new StochasticNBodySimulator();
        SplittableRandom rng = new SplittableRandom(seed);
        float[] data = new float[batch * 35];
        for (int b = 0; b < batch; b++) {
            double[] x = sim.initialState(rng).data();
            for (int i = 0; i < 35; i++) {
                data[b * 35 + i] = (float) x[i];
            }
        }
        return m.create(data, new Shape(batch, 5, 7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"epns", "epns-global", "pns-gnn", "pns-mlp"})
    void oneStepHasTheStateShapeCopiesTheMassAndGivesAFiniteDensity(String model) {
        try (NDManager m = Engines.newManager("MXNet", DeviceKind.CPU)) {
            TransitionModel t = domain.createModel(model, "tiny", new ModelContext(m, DataType.FLOAT32, 3));
            NDArray x = states(m, 6, 11);
            NDArray y = states(m, 6, 12);
            SeededNoise noise = SeededNoise.forStream(5, 0);
            NDList h = t.forwardModel().forward(x, false);
            NDArray z = t.prior().prior(h, false).sample(noise);
            Distribution p = t.decoder().decode(h, z, false);
            NDArray next = t.readout(x, p, Readout.MEAN, noise);
            assertThat(next.getShape()).isEqualTo(new Shape(6, 5, 7));
            assertThat(next.get("..., 0").toFloatArray()).containsExactly(x.get("..., 0").toFloatArray());
            NDArray logp = p.logProb(y);
            assertThat(logp.getShape()).isEqualTo(new Shape(6, 5, 6));
            float total = logp.sum().getFloat();
            assertThat(Float.isFinite(total)).isTrue();
            NDArray kl = t.posterior().posterior(h, y, false).kl(t.prior().prior(h, false));
            assertThat(kl.min().getFloat()).isGreaterThanOrEqualTo(-1e-5f);
        }
    }

    @Test
    void epnsPositionsAndVelocitiesShareOneSigmaPerBody() {
        try (NDManager m = Engines.newManager("MXNet", DeviceKind.CPU)) {
            TransitionModel t = domain.createModel("epns", "tiny", new ModelContext(m, DataType.FLOAT64, 3));
            NDArray x = states(m, 2, 1).toType(DataType.FLOAT64, false);
            SeededNoise noise = SeededNoise.forStream(5, 0);
            NDList h = t.forwardModel().forward(x, false);
            Distribution p = t.decoder().decode(h, t.prior().prior(h, false).sample(noise), false);
            // logp(mu + d e_c) must not depend on which position coordinate c is moved.
            NDArray mu = p.mean();
            double[] values = new double[3];
            for (int c = 0; c < 3; c++) {
                NDArray shifted = mu.duplicate();
                shifted.set(new ai.djl.ndarray.index.NDIndex("0, 0, " + (1 + c)), mu.getDouble(0, 0, 1 + c) + 0.3);
                values[c] = p.logProb(shifted).sum().getDouble();
            }
            assertThat(values[1]).isCloseTo(values[0], org.assertj.core.data.Offset.offset(1e-12));
            assertThat(values[2]).isCloseTo(values[0], org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void badNamesAndShapesAreReportedClearly() {
        try (NDManager m = Engines.newManager("MXNet", DeviceKind.CPU)) {
            ModelContext c = new ModelContext(m, DataType.FLOAT32, 1);
            assertThatThrownBy(() -> domain.createModel("egnn", "tiny", c)).hasMessageContaining("no model 'egnn'")
                    .hasMessageContaining("epns");
            assertThatThrownBy(() -> domain.createModel("epns", "huge", c)).hasMessageContaining("no preset 'huge'");
            TransitionModel t = domain.createModel("epns", "tiny", c);
            assertThatThrownBy(() -> t.forwardModel().forward(m.zeros(new Shape(2, 5, 6)), false))
                    .hasMessageContaining("(batch, bodies, 7)");
            TransitionModel mlp = domain.createModel("pns-mlp", "tiny", c);
            assertThatThrownBy(() -> mlp.forwardModel().forward(m.zeros(new Shape(2, 4, 7)), false))
                    .hasMessageContaining("built for 5 bodies");
        }
    }

    /** One description per model, the default first; each builds a model of its own name. */
    @Test
    void everyModelIsDescribedOnceAndBuildsUnderItsName() {
        assertThat(domain.models()).containsExactly(NBodyDomain.EPNS, NBodyDomain.EPNS_GLOBAL, NBodyDomain.PNS_GNN,
                NBodyDomain.PNS_MLP);
        assertThat(domain.modelDescription(NBodyDomain.PNS_GNN).symmetries()).containsExactly(SymmetryKind.PERMUTATIONS);
        assertThat(domain.modelDescription(NBodyDomain.PNS_MLP).symmetries()).isEmpty();
        assertThat(domain.modelDescription(NBodyDomain.PNS_MLP).hiddenActions()).isEmpty();
        assertThat(domain.modelDescription(NBodyDomain.EPNS_GLOBAL).latentAction()).as("the architecture's rule").isEmpty();
        try (NDManager m = Engines.newManager("MXNet", DeviceKind.CPU)) {
            for (String model : domain.models()) {
                assertThat(domain.createModel(model, "tiny", new ModelContext(m, DataType.FLOAT32, 1)).name())
                        .isEqualTo(model);
            }
        }
        assertThat(((E3xSnGroup) domain.stateAction().group()).bodies()).as("the group's bodies, from the provider")
                .isEqualTo(NBodyDomain.BODIES);
    }
}
