package org.epnsj.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.TimeUnit;
import org.epnsj.api.model.Readout;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.examples.lineargaussian.LinearGaussianModel;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.rollout.RolloutSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Ensemble rollout throughput of the linear-Gaussian example: 100 samples advanced together for 100
 * model steps per operation (prior z, sampled next state). Ensemble steps per second = 100 / (seconds
 * per operation).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true"})
public class RolloutBenchmark {

    @Param({"mxnet", "pytorch"})
    public String engine;

    private NDManager manager;
    private RolloutSampler sampler;
    private SeededNoise noise;

    @Setup
    public void setUp() {
        Engines.configureOffline();
        manager = Engines.newManager(engine, DeviceKind.CPU);
        LinearGaussianModel model = new LinearGaussianModel(new ModelContext(manager, DataType.FLOAT32, 1), 32, 2);
        sampler = new RolloutSampler(model, Readout.SAMPLE);
        noise = new SeededNoise(1);
    }

    /** 100 steps of a 100-member ensemble. */
    @Benchmark
    public float hundredStepsOfHundredSamples() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x0 = m.zeros(new Shape(100, 2));
            return sampler.rollout(x0, 100, noise, null).getFloat(0, 0);
        }
    }

    @TearDown
    public void tearDown() {
        manager.close();
    }
}
