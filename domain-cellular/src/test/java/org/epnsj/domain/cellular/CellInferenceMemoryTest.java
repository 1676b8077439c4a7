package org.epnsj.domain.cellular;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.training.StateBatches;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Outside training the cell EPNS frees its intermediate grids as it goes: the values are those of a
 * pass that keeps everything, and far fewer bytes are left alive when a transition ends.
 */
class CellInferenceMemoryTest {

    private static final CellularDomain DOMAIN = new CellularDomain();

    /** One transition's outputs and the bytes of arrays still open in its manager afterwards. */
    private record Pass(float[] priorMean, float[] posteriorMean, float[] logProb, long liveBytes) {}

    private static Pass transition(TransitionModel model, NDManager parent, List<Trajectory> data, boolean training) {
        try (NDManager m = parent.newSubManager()) {
            NDArray x = StateBatches.stack(m, data, new int[] {0, 0}, DataType.FLOAT32);
            NDArray y = StateBatches.stack(m, data, new int[] {1, 1}, DataType.FLOAT32);
            NDList h = model.forwardModel().forward(x, training);
            Distribution prior = model.prior().prior(h, training);
            Distribution posterior = model.posterior().posterior(h, y, training);
            Distribution next = model.decoder().decode(h, posterior.rsample(new SeededNoise(5)), training);
            float[] logProb = next.logProb(y).toFloatArray();
            long bytes = 0;
            for (NDArray a : m.getManagedArrays()) {
                bytes += a.size() * a.getDataType().getNumOfBytes();
            }
            return new Pass(prior.mean().toFloatArray(), posterior.mean().toFloatArray(), logProb, bytes);
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"epns, mxnet", "epns, pytorch", "epns-reference, mxnet", "epns-reference, pytorch",
            "epns-global, pytorch"})
    void inferenceFreesIntermediatesWithoutChangingValues(String name, String engine) {
        List<Trajectory> data = CellModelsTest.tinyTrajectories(2, 2, 11);
        try (NDManager root = Engines.newManager(engine, DeviceKind.CPU)) {
            TransitionModel model = DOMAIN.createModel(name, "tiny", new ModelContext(root, DataType.FLOAT32, 4));
            Pass kept = transition(model, root, data, true);
            Pass freed = transition(model, root, data, false);

            assertThat(freed.priorMean()).containsExactly(kept.priorMean());
            assertThat(freed.posteriorMean()).containsExactly(kept.posteriorMean());
            assertThat(freed.logProb()).containsExactly(kept.logProb());
            // Measured on the tiny preset: 2 % (p4, PyTorch) to 16 % (reference, MXNet) of the bytes stay.
            assertThat(freed.liveBytes()).as("bytes alive after an inference transition, against %d kept",
                    kept.liveBytes()).isLessThan(kept.liveBytes() / 5);
        }
    }
}
