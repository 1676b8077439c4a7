package org.epnsj.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.api.training.TrainingStrategy;
import org.epnsj.domain.nbody.NBodyDomain;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.rollout.RolloutSampler;
import org.epnsj.runtime.training.EpnsTrainer;
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
 * The n-body models at a preset's size: time of one one-step training step at batch 64 (forward,
 * ELBO, backward, Adam) and of 10 model steps of a 100-member rollout ensemble. Ensemble steps per
 * second = 10 / (seconds per rollout operation).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true"})
public class NBodyModelBenchmark {

    private static final int BATCH = 64;
    private static final int ENSEMBLE = 100;
    private static final int ROLLOUT_STEPS = 10;

    @Param({"mxnet", "pytorch"})
    public String engine;

    @Param({"epns", "pns-gnn", "pns-mlp"})
    public String model;

    @Param({"paper"})
    public String preset;

    private NDManager manager;
    private EpnsTrainer trainer;
    private RolloutSampler sampler;
    private NDArray initial;
    private SeededNoise noise;
    private int epoch;

    @Setup(Level.Trial)
    public void setUp() {
        Engines.configureOffline();
        manager = Engines.newManager(engine, DeviceKind.CPU);
        NBodyDomain domain = new NBodyDomain();
        var simulator = domain.simulator("tiny");
        SplittableRandom rng = new SplittableRandom(1);
        List<Trajectory> train = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            train.add(simulator.simulate(simulator.initialState(rng), 2 * NBodyDomain.STRIDE + 1, rng));
        }
        TrainingConfig paper = domain.trainingConfig(model, preset);
        // One sample per trajectory and epoch: an epoch is exactly one optimiser step of batch 64.
        TrainingConfig oneStep = new TrainingConfig(1_000_000, BATCH, 1, paper.stride(), paper.adam(), paper.klAnnealing(),
                paper.freeBits(), TrainingStrategy.ONE_STEP, paper.multiStep(), paper.trainingReadout(),
                paper.rolloutReadout(), 1L);
        TransitionModel m = domain.createModel(model, preset, new ModelContext(manager, DataType.FLOAT32, 1));
        trainer = new EpnsTrainer(m, oneStep, train, List.of());
        sampler = new RolloutSampler(m, paper.rolloutReadout());
        noise = new SeededNoise(1);
        int[] frames = new int[ENSEMBLE];
        initial = StateBatches.stack(manager, java.util.Collections.nCopies(ENSEMBLE, train.get(0)), frames,
                DataType.FLOAT32);
    }

    /** One optimiser step at batch 64. */
    @Benchmark
    public int trainingStep() {
        return trainer.fit(++epoch).epochs().size();
    }

    /** 10 model steps of a 100-member ensemble. */
    @Benchmark
    public float rolloutTenSteps() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x0 = initial.duplicate();
            x0.attach(m);
            return sampler.rollout(x0, ROLLOUT_STEPS, noise, null).getFloat(0, 0, 1);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trainer.close();
        manager.close();
    }
}
