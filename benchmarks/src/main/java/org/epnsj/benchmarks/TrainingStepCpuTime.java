package org.epnsj.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.epnsj.api.data.GroundTruthSimulator;
import org.epnsj.api.group.DoubleTensor;

/**
 * {@link ModelBenchmark#trainingStep} timed in process CPU time as well as wall time: on a machine
 * shared with other jobs the CPU time a step takes is a far steadier figure than its wall time. The
 * calling thread's CPU time leaves out the JIT compiler and the garbage collector, and is the whole
 * step on PyTorch with one thread (its CPU ops run in the caller), not on MXNet (its own threads).
 * Prints the median and the minimum over {@code steps} steps after 3 warm-up steps, and the step's
 * median CPU time in frames of the domain's ground-truth simulator at the same preset (one frame
 * interval from a fixed state, as {@code CellFrameCostBenchmark.cpmFrame}), timed the same way.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 java -cp <benchmarks class path> org.epnsj.benchmarks.TrainingStepCpuTime
 * pytorch cellular/epns/cpu 7 [keep|system]}.
 */
public final class TrainingStepCpuTime {

    private static final int WARM_UP = 3;

    private TrainingStepCpuTime() {}

    /** Mean process CPU time of one frame interval of the subject's simulator, after as many to warm up. */
    private static double frameCpuMillis(com.sun.management.OperatingSystemMXBean os, String subject) {
        BenchmarkSubject what = BenchmarkSubject.parse(subject);
        GroundTruthSimulator simulator = what.domain().simulator(what.preset());
        SplittableRandom rng = new SplittableRandom(1);
        DoubleTensor start = simulator.initialState(rng);
        int frames = 2000;
        for (int i = 0; i < frames; i++) {
            simulator.simulate(start, 2, rng);
        }
        long c = os.getProcessCpuTime();
        for (int i = 0; i < frames; i++) {
            simulator.simulate(start, 2, rng);
        }
        return (os.getProcessCpuTime() - c) / 1e6 / frames;
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: engine domain/model/preset steps [keep|system]");
        }
        int steps = Integer.parseInt(args[2]);
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ModelBenchmark benchmark = new ModelBenchmark();
        benchmark.engine = args[0];
        benchmark.subject = args[1];
        benchmark.heap = args.length > 3 ? args[3] : "keep";
        benchmark.ensemble = 1;
        benchmark.batch = 0;
        benchmark.setUp();
        try {
            for (int i = 0; i < WARM_UP; i++) {
                benchmark.trainingStep();
            }
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] wall = new long[steps];
            long[] cpu = new long[steps];
            long[] thread = new long[steps];
            for (int i = 0; i < steps; i++) {
                long w = System.nanoTime();
                long c = os.getProcessCpuTime();
                long t = threads.getCurrentThreadCpuTime();
                benchmark.trainingStep();
                wall[i] = System.nanoTime() - w;
                cpu[i] = os.getProcessCpuTime() - c;
                thread[i] = threads.getCurrentThreadCpuTime() - t;
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            Arrays.sort(thread);
            double frame = frameCpuMillis(os, args[1]);
            System.out.printf("%s %s heap=%s: training step, median (min) of %d: wall %.0f (%.0f) ms, "
                    + "process CPU %.0f (%.0f) ms, calling thread CPU %.0f (%.0f) ms; a simulator frame %.3f ms of CPU, "
                    + "so a step costs %.0f frames%n",
                    args[0], args[1], benchmark.heap, steps, wall[steps / 2] / 1e6, wall[0] / 1e6, cpu[steps / 2] / 1e6,
                    cpu[0] / 1e6, thread[steps / 2] / 1e6, thread[0] / 1e6, frame, cpu[steps / 2] / 1e6 / frame);
        } finally {
            benchmark.tearDown();
        }
    }
}
