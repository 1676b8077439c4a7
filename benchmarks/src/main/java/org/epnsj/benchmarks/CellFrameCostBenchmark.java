package org.epnsj.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.epnsj.api.data.GroundTruthSimulator;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.domain.cellular.CellularDomain;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.rollout.RolloutSampler;
import org.epnsj.runtime.training.StateBatches;
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

/**
 * The cost of one data frame of the cellular domain, simulated or learned: {@code cpmFrame} runs the
 * Cellular Potts model for one frame interval ({@code mcsPerFrame} = 10 Monte Carlo steps, 10 L^2
 * copy attempts; the data's stride is one frame), {@code neuralTransition} one rollout step of a
 * cell model (forward model, prior sample, decoder, argmax readout) for one state, with untrained
 * weights. The neural step is timed single-shot: at the paper preset one {@code epns-reference}
 * step takes 20-30 s on one thread and an {@code epns} (p4) step about 3-4 minutes, with a peak of
 * 5.3 GB (PyTorch) to 9.3 GB (MXNet) resident: intermediates are freed as they are used outside training.
 * {@link FrameCostReport} turns the JSON output into neural / CPM ratios.
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true"})
public class CellFrameCostBenchmark {

    /** The ground-truth simulator at a preset, from a relaxed initial state. */
    @State(Scope.Thread)
    public static class Cpm {
        @Param({"paper"})
        public String preset;

        GroundTruthSimulator simulator;
        DoubleTensor start;
        SplittableRandom rng;

        @Setup(Level.Trial)
        public void setUp() {
            simulator = new CellularDomain().simulator(preset);
            rng = new SplittableRandom(1);
            start = simulator.initialState(rng);
        }
    }

    /** A cell model with fresh weights at a preset, batch 1, on one engine. */
    @State(Scope.Thread)
    public static class Neural {
        @Param({"mxnet", "pytorch"})
        public String engine;

        @Param({"epns", "epns-reference", "pns"})
        public String model;

        @Param({"paper"})
        public String preset;

        NDManager manager;
        RolloutSampler sampler;
        NDArray initial;
        SeededNoise noise;

        @Setup(Level.Trial)
        public void setUp() {
            Engines.configureOffline();
            manager = Engines.newManager(engine, DeviceKind.CPU);
            CellularDomain domain = new CellularDomain();
            var simulator = domain.simulator(preset);
            SplittableRandom rng = new SplittableRandom(1);
            Trajectory state = simulator.simulate(simulator.initialState(rng), 1, rng);
            TransitionModel m = domain.createModel(model, preset, new ModelContext(manager, DataType.FLOAT32, 1));
            sampler = new RolloutSampler(m, domain.trainingConfig(model, preset).rolloutReadout());
            noise = new SeededNoise(1);
            initial = StateBatches.stack(manager, List.of(state), new int[1], DataType.FLOAT32);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            System.out.println(ResidentMemory.report("cellular/" + model + "/" + preset + ", " + engine + ", rollout step"));
            manager.close();
        }
    }

    /** One frame interval of the Cellular Potts model (the trajectory holds the start and that frame). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Trajectory cpmFrame(Cpm cpm) {
        return cpm.simulator.simulate(cpm.start, 2, cpm.rng);
    }

    /** One model step for one state. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public float neuralTransition(Neural n) {
        try (NDManager m = n.manager.newSubManager()) {
            NDArray x0 = n.initial.duplicate();
            x0.attach(m);
            return n.sampler.rollout(x0, 1, n.noise, null).sum().toType(DataType.FLOAT32, false).getFloat();
        }
    }
}
