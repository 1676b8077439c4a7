package org.epnsj.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.domain.nbody.NBodyPresets;
import org.epnsj.domain.nbody.StochasticNBodySimulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ground-truth n-body trajectories per second on one thread: one trajectory of 1001 frames (10 time
 * units, 100,000 leapfrog steps with Euler–Maruyama kicks) per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NBodySimulatorBenchmark {

    private final StochasticNBodySimulator simulator = new StochasticNBodySimulator();
    private SplittableRandom rng;

    @Setup
    public void setUp() {
        rng = new SplittableRandom(1);
    }

    /** One paper-length trajectory. */
    @Benchmark
    public float trajectory() {
        FloatTrajectory t = simulator.simulate(simulator.initialState(rng), NBodyPresets.FRAMES, rng);
        return t.frame(t.length() - 1)[1];
    }
}
