package org.epnsj.benchmarks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.epnsj.domain.cellular.CellConvStack;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.nn.ParameterSet;
import org.epnsj.runtime.ops.Ops;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.epnsj.runtime.engine.HostArrays;

/**
 * What exact p4 equivariance costs in the cell EPNS: forward and backward (loss = sum of the
 * output, gradients of every parameter) of two k x k layers with ReLU on the same input, {@code
 * grids} grids of 32 x 32 with C channels (68 = the cpu preset's batch of 4 x 17 nodes), circular
 * padding throughout. Variants:
 * <ul>
 *   <li>{@code plain}: the two layers, not equivariant to quarter turns (the lower bound);
 *   <li>{@code averaging}: the same layers averaged over the four quarter turns with the EPNS's
 *       {@code RotationAveraging} (same parameters as plain);
 *   <li>{@code p4-same-channels}: a lifting and a group convolution with C channels per orientation
 *       (about 2.5 times the parameters of plain at C = 16);
 *   <li>{@code p4-same-parameters}: the same with the channels per orientation whose parameter count
 *       is nearest to plain's.
 * </ul>
 * Set-up checks that averaging and both p4 stacks are equivariant under a quarter turn to float
 * tolerance, and that plain is not (so the check can fail), and prints the parameter counts.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true"})
public class P4ConvolutionCostBenchmark {

    private static final int SIDE = 32;
    private static final double TOLERANCE = 1e-4;

    @Param({"mxnet", "pytorch"})
    public String engine;

    /** Channels C and kernel k as {@code cC-kK}. */
    @Param({"c16-k5", "c8-k3"})
    public String layer;

    @Param({"plain", "averaging", "p4-same-channels", "p4-same-parameters"})
    public String variant;

    @Param({"68"})
    public int grids;

    private NDManager manager;
    private NDArray input;
    private UnaryOperator<NDArray> network;

    @Setup(Level.Trial)
    public void setUp() {
        Engines.configureOffline();
        manager = Engines.newManager(engine, DeviceKind.CPU);
        String[] ck = layer.split("-");
        int channels = Integer.parseInt(ck[0].substring(1));
        int kernel = Integer.parseInt(ck[1].substring(1));
        ParameterSet params = new ParameterSet(manager, DataType.FLOAT32, 1);
        network = build(params, channels, kernel);
        input = uniform(new Shape(grids, channels, SIDE, SIDE), 2);
        System.out.printf("%n%s %s: %d parameters (plain %d)%n", variant, layer, params.count(),
                2L * (channels * channels * kernel * kernel + channels));
        checkEquivariance();
    }

    private UnaryOperator<NDArray> build(ParameterSet params, int channels, int kernel) {
        switch (variant) {
            case "plain":
                return new CellConvStack(params, channels, kernel, false)::forward;
            case "averaging":
                return new CellConvStack(params, channels, kernel, true)::forward;
            case "p4-same-channels":
                return new P4GroupConvStack(params, channels, channels, kernel)::forward;
            case "p4-same-parameters":
                return new P4GroupConvStack(params, channels, sameParameterWidth(channels, kernel), kernel)::forward;
            default:
                throw new IllegalArgumentException("unknown variant '" + variant + "'");
        }
    }

    /** Channels per orientation whose p4 stack has the parameter count nearest to the plain stack's. */
    static int sameParameterWidth(int channels, int kernel) {
        long plain = 2L * (channels * channels * kernel * kernel + channels);
        int best = 1;
        for (int m = 1; m <= channels; m++) {
            if (Math.abs(P4GroupConvStack.parameterCount(channels, m, kernel) - plain)
                    < Math.abs(P4GroupConvStack.parameterCount(channels, best, kernel) - plain)) {
                best = m;
            }
        }
        return best;
    }

    private NDArray uniform(Shape shape, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return HostArrays.of(manager, v, shape);
    }

    /** f(R x) against R f(x) for a quarter turn R, on two of the grids. */
    private void checkEquivariance() {
        try (NDManager m = manager.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = input.get("0:2").duplicate();
            x.attach(m);
            NDArray turnedFirst = network.apply(Ops.rot90(x, 1, 2, 3));
            NDArray turnedAfter = Ops.rot90(network.apply(x), 1, 2, 3);
            double scale = turnedAfter.abs().max().toType(DataType.FLOAT64, false).getDouble();
            double error = turnedFirst.sub(turnedAfter).abs().max().toType(DataType.FLOAT64, false).getDouble()
                    / scale;
            boolean equivariant = error <= TOLERANCE;
            System.out.printf("%s %s: relative equivariance error under a quarter turn %.2e%n", variant, layer, error);
            if (equivariant != !"plain".equals(variant)) {
                throw new IllegalStateException(variant + " " + layer + ": relative equivariance error " + error
                        + (equivariant ? " is within " : " exceeds ") + TOLERANCE);
            }
        }
    }

    /** One forward and backward pass. */
    @Benchmark
    public float forwardBackward() {
        try (NDManager m = manager.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = input.duplicate();
            x.attach(m);
            Engine e = m.getEngine();
            try (GradientCollector collector = e.newGradientCollector()) {
                NDArray loss = network.apply(x).sum();
                collector.backward(loss);
                return loss.getFloat();
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }
}
