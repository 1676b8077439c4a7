package org.epnsj.benchmarks;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.examples.lineargaussian.LinearGaussianDomain;
import org.epnsj.examples.lineargaussian.LinearGaussianModel;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.training.EpnsTrainer;
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
 * Time of one training epoch of the linear-Gaussian example (8 optimiser steps of batch 64: forward,
 * ELBO, backward, gradient accumulation, Adam) on each engine. Divide by 8 for the time per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true"})
public class TrainingStepBenchmark {

    @Param({"mxnet", "pytorch"})
    public String engine;

    private NDManager manager;
    private EpnsTrainer trainer;
    private int epoch;

    @Setup(Level.Trial)
    public void setUp() {
        Engines.configureOffline();
        manager = Engines.newManager(engine, DeviceKind.CPU);
        LinearGaussianDomain domain = new LinearGaussianDomain();
        var simulator = domain.simulator("tiny");
        SplittableRandom rng = new SplittableRandom(1);
        List<Trajectory> train = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            train.add(simulator.simulate(simulator.initialState(rng), 32, rng));
        }
        TrainingConfig config = domain.trainingConfig(LinearGaussianModel.NAME, "tiny").withEpochs(1_000_000);
        LinearGaussianModel model = new LinearGaussianModel(new ModelContext(manager, DataType.FLOAT32, 1), 32, 2);
        trainer = new EpnsTrainer(model, config, train, List.of());
    }

    /** One epoch: 64 trajectories x 8 samples / batch 64 = 8 optimiser steps. */
    @Benchmark
    public int epoch() {
        return trainer.fit(++epoch).epochs().size();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trainer.close();
        manager.close();
    }
}
