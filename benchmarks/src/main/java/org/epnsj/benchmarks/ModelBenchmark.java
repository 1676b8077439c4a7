package org.epnsj.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.api.training.TrainingStrategy;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.engine.NativeHeap;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.rollout.RolloutSampler;
import org.epnsj.runtime.training.EpnsTrainer;
import org.epnsj.runtime.training.StateBatches;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Any domain's model at a preset's size, named {@code domain/model/preset}: time of one one-step
 * training step at the preset's batch size or at {@code -p batch=N} (forward, ELBO, backward, Adam)
 * and the throughput of 10 model steps of an ensemble rollout ({@code -p ensemble=N}, 100 by
 * default) and of a rollout of one state ({@code rolloutOneTrajectory}, batch 1, whatever the
 * ensemble size). The rollouts report rollouts per second and, as the secondary result {@code
 * frames}, frames per second (members x steps / time), which compares ensembles of different sizes
 * and is model steps per second for one state. Training inputs are fresh ground-truth trajectories of
 * the domain's simulator.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true"})
public class ModelBenchmark {

    private static final int ROLLOUT_STEPS = 10;

    @Param({"mxnet", "pytorch"})
    public String engine;

    @Param({"nbody/epns/paper", "nbody/pns-gnn/paper", "nbody/pns-mlp/paper", "cellular/epns/cpu",
            "cellular/epns-reference/cpu", "cellular/pns/cpu"})
    public String subject;

    /** Rollout members; use a few for the cell models (8 EPNS members at the cpu preset take 10-50 s per operation). */
    @Param({"100"})
    public int ensemble;

    /**
     * Training batch; 0 (the default) takes the preset's. A smaller one measures models whose preset
     * batch does not fit in memory (the paper-size cell EPNS keeps every activation for the backward pass).
     */
    @Param({"0"})
    public int batch;

    /**
     * {@code keep}: the C allocator keeps freed memory ({@link NativeHeap#keepFreedMemory()}, as the
     * command line does); {@code system}: glibc's defaults, which return it to the system.
     */
    @Param({"keep"})
    public String heap;

    private NDManager manager;
    private EpnsTrainer trainer;
    private RolloutSampler sampler;
    private NDArray initial;
    private NDArray single;
    private SeededNoise noise;
    private int epoch;

    @Setup(Level.Trial)
    public void setUp() {
        Engines.configureOffline();
        if ("keep".equals(heap)) {
            if (!NativeHeap.keepFreedMemory()) {
                throw new IllegalStateException("heap=keep needs glibc's mallopt; use -p heap=system");
            }
        } else if (!"system".equals(heap)) {
            throw new IllegalArgumentException("heap must be keep or system, got '" + heap + "'");
        }
        manager = Engines.newManager(engine, DeviceKind.CPU);
        BenchmarkSubject what = BenchmarkSubject.parse(subject);
        TrainingConfig settings = what.trainingConfig();
        if (batch < 0) {
            throw new IllegalArgumentException("batch must be >= 0 (0: the preset's), got " + batch);
        }
        int trainingBatch = batch == 0 ? settings.batchSize() : batch;
        List<Trajectory> train = what.simulate(trainingBatch, 2 * settings.stride() + 1, new SplittableRandom(1));
        // One sample per trajectory and epoch: an epoch is exactly one optimiser step.
        TrainingConfig oneStep = new TrainingConfig(1_000_000, trainingBatch, 1, settings.stride(), settings.adam(),
                settings.klAnnealing(), settings.freeBits(), TrainingStrategy.ONE_STEP, settings.multiStep(),
                settings.trainingReadout(), settings.rolloutReadout(), 1L);
        TransitionModel m = what.createModel(new ModelContext(manager, DataType.FLOAT32, 1));
        trainer = new EpnsTrainer(m, oneStep, train, List.of());
        sampler = new RolloutSampler(m, settings.rolloutReadout());
        noise = new SeededNoise(1);
        if (ensemble < 1) {
            throw new IllegalArgumentException("ensemble must be >= 1, got " + ensemble);
        }
        int[] frames = new int[ensemble];
        initial = StateBatches.stack(manager, java.util.Collections.nCopies(ensemble, train.get(0)), frames,
                DataType.FLOAT32);
        single = StateBatches.stack(manager, List.of(train.get(0)), new int[1], DataType.FLOAT32);
    }

    /** One optimiser step at the training batch. */
    @Benchmark
    public int trainingStep() {
        return trainer.fit(++epoch).epochs().size();
    }

    /** 10 model steps of the ensemble; {@code frames} counts members x steps. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public float rolloutTenSteps(Frames counter) {
        float sum = rollout(initial, ROLLOUT_STEPS);
        counter.frames += (long) ensemble * ROLLOUT_STEPS;
        return sum;
    }

    /**
     * 10 model steps of a rollout of one state (batch 1, whatever {@code ensemble} says); {@code frames}
     * counts the steps, so its rate is model steps per second.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public float rolloutOneTrajectory(Frames counter) {
        float sum = rollout(single, ROLLOUT_STEPS);
        counter.frames += ROLLOUT_STEPS;
        return sum;
    }

    /** {@code steps} model steps of a rollout of one state; returns the sum of the last state. */
    public float rolloutOneTrajectory(int steps) {
        return rollout(single, steps);
    }

    private float rollout(NDArray start, int steps) {
        try (NDManager m = manager.newSubManager()) {
            NDArray x0 = start.duplicate();
            x0.attach(m);
            return sampler.rollout(x0, steps, noise, null).sum().toType(DataType.FLOAT32, false).getFloat();
        }
    }

    /** Sampled frames, reported by JMH as a rate next to the rollouts per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Frames {
        /** Frames produced in the current iteration. */
        public long frames;

        @Setup(Level.Iteration)
        public void reset() {
            frames = 0;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        // One fork per parameter combination: the fork's peak is this combination's.
        System.out.println(ResidentMemory.report(subject + ", " + engine + ", batch " + (batch == 0 ? "of the preset" : batch)
                + ", ensemble " + ensemble));
        trainer.close();
        manager.close();
    }
}
