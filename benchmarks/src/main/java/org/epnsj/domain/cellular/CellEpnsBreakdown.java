package org.epnsj.domain.cellular;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.runtime.distribution.Normal;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.engine.NativeHeap;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.nn.Intermediates;
import org.epnsj.runtime.nn.ParameterSet;
import org.epnsj.runtime.ops.Ops;
import org.epnsj.runtime.training.Elbo;
import org.epnsj.runtime.training.StateBatches;
import org.epnsj.runtime.engine.HostArrays;

/**
 * Where a training step of the cell EPNS spends its time: the sub-networks of {@link CellEpnsModel}
 * at a preset's size and batch, each timed forward only and forward plus backward (loss = sum of the
 * output, gradients of the parameters), with and without the rotation average, and the single
 * operations inside them (each convolution with and without PyTorch's 16-channel guard, circular
 * padding, the rotated copies and their mean, the node features). The p4 average is timed both ways:
 * over four turned copies of the grids ({@link RotationAveraging}) and with turned filters. Then the
 * model's components on simulated states, with nodes on windows ({@link CellWindows}, the model) and
 * with every node on the full grid.
 * Times are process CPU time (all threads; robust to other jobs on the machine, which wall time is
 * not), with the C allocator keeping freed memory as the command line has it ({@link NativeHeap}).
 * Prints the mean of {@code reps} runs after {@code reps / 2} warm-up runs, in milliseconds.
 *
 * <p>Run: {@code java -cp <benchmarks class path> org.epnsj.domain.cellular.CellEpnsBreakdown pytorch cpu 9}
 * with {@code OMP_NUM_THREADS=1}.
 */
public final class CellEpnsBreakdown {

    private static final Intermediates KEPT = Intermediates.forPass(true);

    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final NDManager manager;
    private final int reps;
    private final Map<String, double[]> rows = new LinkedHashMap<>();

    private CellEpnsBreakdown(NDManager manager, int reps) {
        this.manager = manager;
        this.reps = reps;
    }

    public static void main(String[] args) {
        String engine = args.length > 0 ? args[0] : "pytorch";
        String preset = args.length > 1 ? args[1] : "cpu";
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        Engines.configureOffline();
        NativeHeap.keepFreedMemory();
        try (NDManager manager = Engines.newManager(engine, DeviceKind.CPU)) {
            new CellEpnsBreakdown(manager, reps).run(CellularPreset.named(preset));
        }
    }

    private void run(CellularPreset preset) {
        EpnsSize size = preset.epns();
        int nodes = preset.cpm().cells() + 1;
        int typeClasses = preset.cpm().types() + 1;
        int batch = preset.training().epnsBatch();
        int side = preset.cpm().size();
        int c = size.width();
        int features = 1 + typeClasses;
        int grids = batch * nodes;
        GridConv.Padding pad = GridConv.Padding.CIRCULAR;
        ParameterSet params = new ParameterSet(manager, DataType.FLOAT32, 1);
        GridConv encoder = new GridConv(params, "encoder", features, c, 1, pad);
        SpatialConvGnnLayer processor = new SpatialConvGnnLayer(params, "processor", c, c, size.edgeKernel(),
                size.edgeLayers(), size.nodeKernel(), size.nodeLayers(), pad);
        PooledConvNet prior = new PooledConvNet(params, "prior", c, c, size.priorKernel(), size.priorLayers(), pad);
        PooledConvNet posterior = new PooledConvNet(params, "posterior", c + features, c, size.priorKernel(),
                size.priorLayers(), pad);
        SpatialConvGnnLayer decoder = new SpatialConvGnnLayer(params, "decoder", c + size.latent(), c,
                size.decoderKernel(), size.edgeLayers(), size.nodeKernel(), size.nodeLayers(), pad);
        GridConv head = new GridConv(params, "head", c, 1, 1, pad);
        boolean averagePooled = size.priorKernel() > 1;
        System.out.printf("%s, %s preset: batch %d x %d nodes, %d x %d, width %d, latent %d, %d parameters%n",
                manager.getEngine().getEngineName(), preset.name(), batch, nodes, side, side, c, size.latent(),
                params.count());

        NDArray state = randomState(batch, side, nodes, typeClasses);
        NDArray h = uniform(new Shape(grids, c, side, side), 3);
        NDArray hz = uniform(new Shape(grids, c + size.latent(), side, side), 4);
        NDArray z = uniform(new Shape(grids, size.latent()), 7);
        NDArray post = uniform(new Shape(grids, c + features, side, side), 5);
        NDArray nodeFeatures = CellStates.nodeFeatures(state, nodes, typeClasses);

        time("data: checkIds + 2 x nodeFeatures + nodeTypes", false, () -> {
            CellStates.checkIds(state, nodes);
            CellStates.nodeFeatures(state, nodes, typeClasses);
            CellStates.nodeFeatures(state, nodes, typeClasses);
            return CellStates.nodeTypes(state, nodes);
        });
        both("encoder 1x1", () -> encoder.forward(nodeFeatures));
        both("processor, p4 average of turned grids", () -> RotationAveraging.equivariant(true,
                x -> processor.forward(x, nodes, KEPT), h, KEPT));
        both("processor, p4 average by turned filters", () -> processor.forwardAveraged(h, null, nodes, KEPT));
        both("processor, plain", () -> processor.forward(h, nodes, KEPT));
        both("prior net" + (averagePooled ? ", p4 average" : ""), () -> RotationAveraging.invariant(averagePooled,
                x -> prior.forward(x, KEPT), h, KEPT));
        both("posterior net" + (averagePooled ? ", p4 average" : ""), () -> RotationAveraging.invariant(
                averagePooled, x -> posterior.forward(x, KEPT), post, KEPT));
        both("decoder, p4 average of turned grids", () -> RotationAveraging.equivariant(true,
                x -> decoder.forward(x, nodes, KEPT), hz, KEPT));
        both("decoder, p4 average by turned filters", () -> decoder.forwardAveraged(h, z, nodes, KEPT));
        both("decoder, plain", () -> decoder.forward(hz, nodes, KEPT));
        both("head 1x1 + softmax log-probabilities", () -> new CellStateDistribution(
                head.forward(h).reshape(batch, nodes, side, side), CellStates.nodeTypes(state, nodes), typeClasses)
                .logProbabilities());

        NDArray h4 = RotationAveraging.rotatedCopies(h);
        NDArray hz4 = RotationAveraging.rotatedCopies(hz);
        h4.setRequiresGradient(true);
        hz4.setRequiresGradient(true);
        both("rotatedCopies + meanTurnedBack, width " + c, () -> RotationAveraging.meanTurnedBack(
                RotationAveraging.rotatedCopies(Ops.mul(h, 1))));
        both("circular pad " + (size.edgeKernel() / 2) + ", 4 copies, width " + c,
                () -> Ops.circularPad2d(Ops.mul(h4, 1), size.edgeKernel() / 2, size.edgeKernel() / 2));
        conv("processor edge conv", h4, c, c, size.edgeKernel());
        conv("processor node conv", h4, c, c, size.nodeKernel());
        conv("processor mix 1x1", mixInput(4L * grids, 2L * c, side), 2 * c, c, 1);
        conv("decoder edge conv", hz4, c + size.latent(), c, size.decoderKernel());
        conv("decoder edge conv, h part only", h4, c, c, size.decoderKernel());
        components(preset);
        for (Map.Entry<String, double[]> row : rows.entrySet()) {
            System.out.printf("%-62s %9.1f %9.1f%n", row.getKey(), row.getValue()[0], row.getValue()[1]);
        }
    }

    /**
     * The model's components as a training step runs them ({@link CellEpnsModel}, p4, per-cell latent),
     * on pairs of simulated states of the preset: every node on windows where they are cheaper (the
     * model) and every node on the full grid (the same function, no windows). Each row times its
     * component and the ones it needs (h for the prior, posterior and decoder; the posterior's z for
     * the decoder), so the rows overlap; "training step" is the negative ELBO of the four.
     */
    private void components(CellularPreset preset) {
        CellularPottsSimulator simulator = new CellularPottsSimulator(preset.cpm());
        SplittableRandom rng = new SplittableRandom(3);
        int batch = preset.training().epnsBatch();
        List<Trajectory> data = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            data.add(simulator.simulate(simulator.initialState(rng), 3, rng));
        }
        int[] first = new int[batch];
        int[] second = new int[batch];
        Arrays.fill(first, 1);
        Arrays.fill(second, 2);
        NDArray x = StateBatches.stack(manager, data, first, DataType.FLOAT32);
        NDArray y = StateBatches.stack(manager, data, second, DataType.FLOAT32);
        for (boolean windows : new boolean[] {true, false}) {
            CellEpnsModel model = new CellEpnsModel("epns", new ModelContext(manager, DataType.FLOAT32, 1),
                    preset.epns(), preset.cpm().cells(), preset.cpm().types(), CellEpnsModel.Setting.P4,
                    CellEpnsModel.Latent.PER_CELL, windows);
            String form = windows ? "model (windows)" : "model (full grids)";
            both(form + ": forward model", () -> model.forwardModel().forward(x, true).get(0));
            both(form + ": + prior", () -> ((Normal) model.prior().prior(model.forwardModel().forward(x, true),
                    true)).mean());
            both(form + ": + posterior", () -> ((Normal) model.posterior().posterior(
                    model.forwardModel().forward(x, true), y, true)).mean());
            both(form + ": + posterior sample + decoder", () -> {
                NDList h = model.forwardModel().forward(x, true);
                NDArray z = model.posterior().posterior(h, y, true).rsample(new SeededNoise(1));
                return ((CellStateDistribution) model.decoder().decode(h, z, true)).logProbabilities();
            });
            time(form + ": training step (negative ELBO)", true, () -> Elbo.evaluate(model, x, y, 1.0, 0.1175,
                    new SeededNoise(2), true).loss());
        }
        try (NDManager m = manager.newSubManager()) {
            CellWindows plan = ((CellEpnsModel.WindowedHidden) new CellEpnsModel("epns", new ModelContext(m,
                    DataType.FLOAT32, 1), preset.epns(), preset.cpm().cells(), preset.cpm().types(),
                    CellEpnsModel.Setting.P4, CellEpnsModel.Latent.PER_CELL).forwardModel().forward(x, false)).plan();
            System.out.printf("windows of the timed batch: %d nodes on windows of side %d (at the margin %d), %d on "
                    + "the full grid, %d absent%n", plan.windowCount(), plan.window(plan.margin()), plan.margin(),
                    plan.fullCount(), batch * (preset.cpm().cells() + 1) - plan.windowCount() - plan.fullCount());
        }
    }

    /** One convolution on 4 x the grids: circular padding + guarded conv, and the bare engine conv. */
    private void conv(String name, NDArray x, int in, int out, int kernel) {
        ParameterSet p = new ParameterSet(manager, DataType.FLOAT32, 2);
        GridConv conv = new GridConv(p, "c", in, out, kernel, GridConv.Padding.CIRCULAR);
        NDArray w = p.asMap().get("c.weight");
        NDArray b = p.asMap().get("c.bias");
        int k = kernel / 2;
        NDArray padded = Ops.circularPad2d(x, k, k);
        String shape = String.format(" %dx%d %d->%d, 4 copies", kernel, kernel, in, out);
        both(name + shape + ", GridConv", () -> Activation.relu(conv.forward(x)));
        both(name + shape + ", bare conv", () -> Conv2d.conv2d(padded, w, b, new Shape(1, 1), new Shape(0, 0),
                new Shape(1, 1), 1).singletonOrThrow());
    }

    private void both(String name, java.util.function.Supplier<NDArray> f) {
        time(name, false, f);
        time(name, true, f);
    }

    private void time(String name, boolean backward, java.util.function.Supplier<NDArray> f) {
        double[] t = new double[reps];
        for (int i = -reps / 2; i < reps; i++) {
            long start = CPU.getProcessCpuTime();
            try (NDManager m = manager.newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                if (backward) {
                    Engine e = m.getEngine();
                    try (GradientCollector collector = e.newGradientCollector()) {
                        NDArray loss = f.get().sum();
                        collector.backward(loss);
                        loss.toType(DataType.FLOAT64, false).getDouble();
                    }
                } else {
                    f.get().sum().toType(DataType.FLOAT64, false).getDouble();
                }
            }
            if (i >= 0) {
                t[i] = (CPU.getProcessCpuTime() - start) / 1e6;
            }
        }
        rows.computeIfAbsent(name, n -> new double[2])[backward ? 1 : 0] = Arrays.stream(t).average().orElseThrow();
    }

    private NDArray mixInput(long grids, long channels, int side) {
        return uniform(new Shape(grids, channels, side, side), 6);
    }

    private NDArray randomState(int batch, int side, int nodes, int typeClasses) {
        SplittableRandom rng = new SplittableRandom(1);
        float[] v = new float[batch * side * side * 2];
        for (int i = 0; i < v.length; i += 2) {
            v[i] = rng.nextInt(nodes);
            v[i + 1] = rng.nextInt(typeClasses);
        }
        return HostArrays.of(manager, v, new Shape(batch, side, side, 2));
    }

    private NDArray uniform(Shape shape, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (2 * rng.nextDouble() - 1);
        }
        NDArray x = HostArrays.of(manager, v, shape);
        // Hidden grids carry a gradient in the model: their input gradient is part of the cost.
        x.setRequiresGradient(true);
        return x;
    }
}
