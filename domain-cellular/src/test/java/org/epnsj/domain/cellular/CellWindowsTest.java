package org.epnsj.domain.cellular;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.runtime.distribution.Normal;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.training.StateBatches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The windowed p4 cell EPNS ({@link CellWindows}) computes what it computes on full grids: the same
 * model with every node on the full periodic grid gives the same h, prior, posterior and decoder
 * logits to float64 rounding (1e-10 of the largest value), on simulated states where most cells get
 * windows, and with targets that send nodes to the full grid.
 */
class CellWindowsTest {

    private static final double TOLERANCE = 1e-10;

    @Test
    void theSmallestPeriodicArcWrapsAroundTheEdge() {
        assertThat(CellWindows.arc(new boolean[] {true, false, false, true, true, false})).containsExactly(3, 4);
        assertThat(CellWindows.arc(new boolean[] {false, true, true, false, false, false})).containsExactly(1, 2);
        // Three gaps of one: any of them leaves an arc of 5 (the first found: from site 2 round to site 0).
        assertThat(CellWindows.arc(new boolean[] {true, false, true, false, true, false})).containsExactly(2, 5);
        assertThat(CellWindows.arc(new boolean[] {true, true, true})).containsExactly(0, 3);
    }

    /** States of a preset's simulator: frame 1 and 2 of fresh trajectories. */
    private static List<Trajectory> trajectories(CpmParameters cpm, int count, long seed) {
        CellularPottsSimulator sim = new CellularPottsSimulator(cpm);
        SplittableRandom rng = new SplittableRandom(seed);
        List<Trajectory> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(sim.simulate(sim.initialState(rng), 3, rng));
        }
        return out;
    }

    private static CellEpnsModel model(NDManager m, String preset, CellEpnsModel.Latent latent, boolean windows) {
        CellularPreset p = CellularPreset.named(preset);
        return new CellEpnsModel("epns", new ModelContext(m, DataType.FLOAT64, 17), p.epns(), p.cpm().cells(),
                p.cpm().types(), CellEpnsModel.Setting.P4, latent, windows);
    }

    @ParameterizedTest
    @CsvSource({"mxnet, tiny, PER_CELL", "pytorch, tiny, PER_CELL", "mxnet, cpu, PER_CELL", "pytorch, cpu, GLOBAL",
            "mxnet, tiny, ORIENTED", "pytorch, cpu, ORIENTED"})
    void windowsGiveTheFullGridValues(String engine, String preset, CellEpnsModel.Latent latent) {
        CellularPreset p = CellularPreset.named(preset);
        List<Trajectory> data = trajectories(p.cpm(), 3, 5);
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            NDArray x = StateBatches.stack(m, data, new int[] {1, 1, 1}, DataType.FLOAT64);
            NDArray y = StateBatches.stack(m, data, new int[] {2, 2, 2}, DataType.FLOAT64);
            TransitionModel windowed = model(m, preset, latent, true);
            TransitionModel full = model(m, preset, latent, false);
            NDList h = windowed.forwardModel().forward(x, false);
            NDList hFull = full.forwardModel().forward(x, false);
            CellWindows plan = ((CellEpnsModel.WindowedHidden) h).plan();
            assertThat(plan.windowCount()).as("windowed nodes").isGreaterThan(plan.fullCount());
            assertThat(((CellEpnsModel.WindowedHidden) hFull).plan().windowCount()).isZero();
            for (int i = 0; i < 3; i++) {
                assertClose(h.get(i), hFull.get(i), "h element " + i);
            }
            Normal prior = (Normal) windowed.prior().prior(h, false);
            Normal priorFull = (Normal) full.prior().prior(hFull, false);
            assertClose(prior.mean(), priorFull.mean(), "prior mean");
            assertClose(prior.sigma(), priorFull.sigma(), "prior sigma");
            assertClose(windowed.posterior().posterior(h, y, false).mean(),
                    full.posterior().posterior(hFull, y, false).mean(), "posterior mean");
            NDArray z = prior.sample(new SeededNoise(3));
            Distribution decoded = windowed.decoder().decode(h, z, false);
            Distribution decodedFull = full.decoder().decode(hFull, z, false);
            assertClose(((CellStateDistribution) decoded).logProbabilities(),
                    ((CellStateDistribution) decodedFull).logProbabilities(), "decoder log-probabilities");
        }
    }

    /**
     * A training step's parameter gradients: the windowed model gives those of the same model on full
     * grids, float64, to 1e-9 of the largest gradient entry; also on the path of large plans (on
     * PyTorch every array of a step that autograd does not hold is freed, and ReLUs of crops are
     * cropped from the background's ReLU output) taken at a small size.
     */
    @ParameterizedTest
    @CsvSource({"pytorch, tiny, false, PER_CELL", "mxnet, tiny, false, PER_CELL", "pytorch, cpu, false, PER_CELL",
            "pytorch, tiny, true, PER_CELL", "mxnet, tiny, true, PER_CELL", "pytorch, tiny, false, ORIENTED",
            "mxnet, tiny, true, ORIENTED"})
    void trainingGradientsAreTheFullGridGradients(String engine, String preset, boolean largeWindowPath,
            CellEpnsModel.Latent latent) {
        long threshold = CellWindows.largePixels;
        if (largeWindowPath) {
            CellWindows.largePixels = 0;
        }
        try {
            compareGradients(engine, preset, latent);
        } finally {
            CellWindows.largePixels = threshold;
        }
    }

    private static void compareGradients(String engine, String preset, CellEpnsModel.Latent latent) {
        CellularPreset p = CellularPreset.named(preset);
        List<Trajectory> data = trajectories(p.cpm(), 2, 8);
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            NDArray x = StateBatches.stack(m, data, new int[] {1, 1}, DataType.FLOAT64);
            NDArray y = StateBatches.stack(m, data, new int[] {2, 2}, DataType.FLOAT64);
            double[][] windowed = gradients(m, model(m, preset, latent, true), x, y);
            double[][] full = gradients(m, model(m, preset, latent, false), x, y);
            double scale = 0;
            double error = 0;
            for (int i = 0; i < full.length; i++) {
                for (int j = 0; j < full[i].length; j++) {
                    scale = Math.max(scale, Math.abs(full[i][j]));
                    error = Math.max(error, Math.abs(windowed[i][j] - full[i][j]));
                }
            }
            assertThat(scale).as("gradient scale").isGreaterThan(1e-3);
            assertThat(error / scale).isLessThan(1e-9);
        }
    }

    /** The parameters' gradients of one negative ELBO (beta 1, no free bits) in parameter order. */
    private static double[][] gradients(NDManager m, TransitionModel model, NDArray x, NDArray y) {
        try (NDManager step = m.newSubManager()) {
            try (ai.djl.training.GradientCollector collector = step.getEngine().newGradientCollector()) {
                collector.backward(org.epnsj.runtime.training.Elbo.evaluate(model, x, y, 1.0, 0.0,
                        new SeededNoise(5), true).loss());
            }
            double[][] out = new double[model.parameters().size()][];
            int i = 0;
            for (NDArray p : model.parameters().values()) {
                try (NDArray g = p.getGradient()) {
                    out[i++] = g.toDoubleArray();
                }
            }
            return out;
        }
    }

    @Test
    void targetsBeyondTheWindowsMoveTheirNodesToTheFullGrid() {
        List<Trajectory> data = trajectories(CpmParameters.tiny(), 2, 9);
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            NDArray x = StateBatches.stack(m, data, new int[] {1, 1}, DataType.FLOAT64);
            // The target turned by a half turn: most cells' target sites lie outside their windows.
            NDArray y = org.epnsj.runtime.ops.Ops.rot90(StateBatches.stack(m, data, new int[] {2, 2},
                    DataType.FLOAT64), 2, 1, 2);
            TransitionModel windowed = model(m, "tiny", CellEpnsModel.Latent.PER_CELL, true);
            TransitionModel full = model(m, "tiny", CellEpnsModel.Latent.PER_CELL, false);
            NDList h = windowed.forwardModel().forward(x, false);
            CellWindows plan = ((CellEpnsModel.WindowedHidden) h).plan();
            CellWindows moved = plan.targets(y, 1, 1).plan();
            assertThat(moved.fullCount()).as("nodes moved to the full grid").isGreaterThan(plan.fullCount());
            assertThat(moved.windowCount() + moved.fullCount()).isGreaterThanOrEqualTo(plan.windowCount()
                    + plan.fullCount());
            assertClose(windowed.posterior().posterior(h, y, false).mean(),
                    full.posterior().posterior(full.forwardModel().forward(x, false), y, false).mean(),
                    "posterior mean");
        }
    }

    /**
     * The function itself, computed with the full-grid layers ({@link SpatialConvGnnLayer#forwardAveraged},
     * the pooled nets, and the decoder as the average over turned grids of [h, z on the node's reach]
     * grids) on copies of the model's parameters: h, the prior and posterior means and the decoder's
     * log-probabilities agree. The per-cell latent enters the decoder on the sites within the
     * processor's node reach of each cell; with z everywhere instead the log-probabilities differ
     * (control).
     */
    @ParameterizedTest
    @CsvSource({"mxnet, tiny", "pytorch, cpu"})
    void theModelIsTheDocumentedFullGridFunction(String engine, String preset) {
        CellularPreset p = CellularPreset.named(preset);
        EpnsSize size = p.epns();
        int nodes = p.cpm().cells() + 1;
        int typeClasses = p.cpm().types() + 1;
        int features = 1 + typeClasses;
        int c = size.width();
        int reach = size.nodeLayers() * (size.nodeKernel() - 1) / 2;
        List<Trajectory> data = trajectories(p.cpm(), 2, 6);
        org.epnsj.runtime.nn.Intermediates kept = org.epnsj.runtime.nn.Intermediates.forPass(true);
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            NDArray x = StateBatches.stack(m, data, new int[] {1, 1}, DataType.FLOAT64);
            NDArray y = StateBatches.stack(m, data, new int[] {2, 2}, DataType.FLOAT64);
            CellEpnsModel model = model(m, preset, CellEpnsModel.Latent.PER_CELL, true);
            org.epnsj.runtime.nn.ParameterSet params = new org.epnsj.runtime.nn.ParameterSet(m, DataType.FLOAT64, 99);
            GridConv.Padding pad = GridConv.Padding.CIRCULAR;
            GridConv encoder = new GridConv(params, "encoder", features, c, 1, pad);
            SpatialConvGnnLayer processor = new SpatialConvGnnLayer(params, "processor", c, c, size.edgeKernel(),
                    size.edgeLayers(), size.nodeKernel(), size.nodeLayers(), pad);
            PooledConvNet priorNet = new PooledConvNet(params, "prior", c, c, size.priorKernel(), size.priorLayers(),
                    pad);
            PooledConvNet posteriorNet = new PooledConvNet(params, "posterior", c + features, c, size.priorKernel(),
                    size.priorLayers(), pad);
            SpatialConvGnnLayer decoder = new SpatialConvGnnLayer(params, "decoder", c + size.latent(), c,
                    size.decoderKernel(), size.edgeLayers(), size.nodeKernel(), size.nodeLayers(), pad);
            GridConv head = new GridConv(params, "head", c, 1, 1, pad);
            for (var entry : params.asMap().entrySet()) {
                model.parameters().get(entry.getKey()).copyTo(entry.getValue());
            }
            boolean averagePooled = size.priorKernel() > 1;
            NDArray e = encoder.forward(CellStates.nodeFeatures(x, nodes, typeClasses));
            NDArray h = e.add(processor.forwardAveraged(e, null, nodes, kept));
            NDList hidden = model.forwardModel().forward(x, false);
            assertClose(hidden.get(0).reshape(h.getShape()), h, "h");
            NDArray priorPooled = RotationAveraging.invariant(averagePooled, g -> priorNet.forward(g, kept), h, kept);
            NDArray postInput = ai.djl.ndarray.NDArrays.concat(new NDList(h, CellStates.nodeFeatures(y, nodes,
                    typeClasses)), 1);
            NDArray postPooled = RotationAveraging.invariant(averagePooled, g -> posteriorNet.forward(g, kept),
                    postInput, kept);
            assertClose(((Normal) model.prior().prior(hidden, false)).mean(),
                    gaussianMean(model, "prior", priorPooled, nodes), "prior mean");
            assertClose(((Normal) model.posterior().posterior(hidden, y, false)).mean(),
                    gaussianMean(model, "posterior", postPooled, nodes), "posterior mean");
            NDArray z = model.prior().prior(hidden, false).sample(new SeededNoise(4));
            NDArray zGrids = z.reshape(-1, size.latent(), 1, 1).repeat(2, x.getShape().get(1))
                    .repeat(3, x.getShape().get(2));
            NDArray reachMasks = reachMasks(m, x, nodes, reach).reshape(-1, 1, x.getShape().get(1),
                    x.getShape().get(2));
            NDArray actual = ((CellStateDistribution) model.decoder().decode(hidden, z, false)).logProbabilities();
            NDArray masked = logProbabilities(decoder, head, h, e, zGrids.mul(reachMasks), nodes, hidden.get(2),
                    typeClasses, kept);
            assertClose(actual, masked, "decoder log-probabilities");
            NDArray everywhere = logProbabilities(decoder, head, h, e, zGrids, nodes, hidden.get(2), typeClasses,
                    kept);
            assertThat(actual.sub(everywhere).abs().max().toType(DataType.FLOAT64, false).getDouble())
                    .as("z on every site instead").isGreaterThan(1e-3);
        }
    }

    private static NDArray logProbabilities(SpatialConvGnnLayer decoder, GridConv head, NDArray h, NDArray e,
            NDArray latentGrids, int nodes, NDArray types, int typeClasses,
            org.epnsj.runtime.nn.Intermediates kept) {
        NDArray input = ai.djl.ndarray.NDArrays.concat(new NDList(h, latentGrids), 1);
        NDArray d = RotationAveraging.equivariant(true, g -> decoder.forward(g, nodes, kept), input, kept);
        NDArray logits = head.forward(e.add(d));
        long[] s = logits.getShape().getShape();
        return new CellStateDistribution(logits.reshape(s[0] / nodes, nodes, s[2], s[3]), types, typeClasses)
                .logProbabilities();
    }

    /** The Gaussian mean of the model's prior or posterior head on pooled node vectors (B N, C). */
    private static NDArray gaussianMean(CellEpnsModel model, String net, NDArray pooled, int nodes) {
        var p = model.parameters();
        NDArray f = ai.djl.nn.Activation.relu(ai.djl.nn.core.Linear.linear(pooled, p.get(net + ".hidden.weight"),
                p.get(net + ".hidden.bias")).singletonOrThrow());
        NDArray mu = ai.djl.nn.core.Linear.linear(f, p.get(net + ".mean.weight"), p.get(net + ".mean.bias"))
                .singletonOrThrow();
        return mu.reshape(-1, nodes, mu.getShape().get(1));
    }

    /** 1 where a site lies within {@code reach} sites (Chebyshev, periodic) of a site of the node's id: (B, N, L, L). */
    private static NDArray reachMasks(NDManager m, NDArray states, int nodes, int reach) {
        int batch = (int) states.getShape().get(0);
        int side = (int) states.getShape().get(1);
        double[] values = states.toDoubleArray();
        double[] out = new double[batch * nodes * side * side];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < side; i++) {
                for (int j = 0; j < side; j++) {
                    for (int di = -reach; di <= reach; di++) {
                        for (int dj = -reach; dj <= reach; dj++) {
                            int q = Math.floorMod(i + di, side) * side + Math.floorMod(j + dj, side);
                            int id = (int) values[((b * side * side) + q) * 2];
                            out[((b * nodes + id) * side + i) * side + j] = 1;
                        }
                    }
                }
            }
        }
        return m.create(out, new ai.djl.ndarray.types.Shape(batch, nodes, side, side));
    }

    private static void assertClose(NDArray actual, NDArray expected, String what) {
        assertThat(actual.getShape()).as(what).isEqualTo(expected.getShape());
        double scale = Math.max(1, expected.abs().max().toType(DataType.FLOAT64, false).getDouble());
        double error = actual.sub(expected).abs().max().toType(DataType.FLOAT64, false).getDouble();
        assertThat(error / scale).as(what).isLessThan(TOLERANCE);
    }
}
