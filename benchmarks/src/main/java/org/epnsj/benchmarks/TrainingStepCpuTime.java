package org.epnsj.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * {@link ModelBenchmark#trainingStep} timed in process CPU time as well as wall time: on a machine
 * shared with other jobs the CPU time a step takes is a far steadier figure than its wall time.
 * Prints the median and the minimum over {@code steps} steps after 3 warm-up steps.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 java -cp <benchmarks class path> org.epnsj.benchmarks.TrainingStepCpuTime
 * pytorch cellular/epns/cpu 7 [keep|system]}.
 */
public final class TrainingStepCpuTime {

    private static final int WARM_UP = 3;

    private TrainingStepCpuTime() {}

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
            long[] wall = new long[steps];
            long[] cpu = new long[steps];
            for (int i = 0; i < steps; i++) {
                long w = System.nanoTime();
                long c = os.getProcessCpuTime();
                benchmark.trainingStep();
                wall[i] = System.nanoTime() - w;
                cpu[i] = os.getProcessCpuTime() - c;
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            System.out.printf("%s %s heap=%s: training step, median (min) of %d: wall %.0f (%.0f) ms, "
                    + "process CPU %.0f (%.0f) ms%n", args[0], args[1], benchmark.heap, steps, wall[steps / 2] / 1e6,
                    wall[0] / 1e6, cpu[steps / 2] / 1e6, cpu[0] / 1e6);
        } finally {
            benchmark.tearDown();
        }
    }
}
