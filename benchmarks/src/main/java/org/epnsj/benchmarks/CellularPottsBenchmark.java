package org.epnsj.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.domain.cellular.CellularPottsSimulator;
import org.epnsj.domain.cellular.CpmParameters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cellular Potts throughput: one frame (10 MCS = 10 L^2 copy attempts) per operation, single thread.
 * Copy attempts per second = 10 L^2 / (seconds per operation).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CellularPottsBenchmark {

    @Param({"cpu", "paper"})
    public String preset;

    private CellularPottsSimulator simulator;
    private DoubleTensor start;
    private SplittableRandom rng;

    @Setup
    public void setUp() {
        CpmParameters p = "paper".equals(preset) ? CpmParameters.paper() : CpmParameters.cpu();
        simulator = new CellularPottsSimulator(p);
        rng = new SplittableRandom(1);
        start = simulator.initialState(rng);
    }

    /** Two frames: the start and one frame of 10 MCS later. */
    @Benchmark
    public Trajectory tenMonteCarloSteps() {
        return simulator.simulate(start, 2, rng);
    }
}
