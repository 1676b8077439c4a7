package org.epnsj.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * {@link ModelBenchmark#rolloutOneTrajectory}, a rollout of one state, in model steps per second of
 * process CPU time, of the calling thread's CPU time and of wall time: on a machine shared with other
 * jobs the CPU time is the steadier figure (the calling thread's leaves out the JIT compiler and the
 * garbage collector, and is all of PyTorch's work with one thread); with more than one engine thread
 * the wall time is what a user waits. Prints the median and
 * the best of {@code reps} rollouts of {@code steps} steps after 2 warm-up rollouts.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 java -cp <benchmarks class path> org.epnsj.benchmarks.RolloutCpuTime
 * pytorch nbody/epns/paper 9 200}.
 */
public final class RolloutCpuTime {

    private static final int WARM_UP = 2;

    private RolloutCpuTime() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: engine domain/model/preset [reps] [steps]");
        }
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        if (reps < 1 || steps < 1) {
            throw new IllegalArgumentException("reps and steps must be >= 1, got " + reps + " and " + steps);
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ModelBenchmark benchmark = new ModelBenchmark();
        benchmark.engine = args[0];
        benchmark.subject = args[1];
        benchmark.heap = "keep";
        benchmark.ensemble = 1;
        benchmark.batch = 1;
        benchmark.setUp();
        try {
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double[] wall = new double[reps];
            double[] cpu = new double[reps];
            double[] thread = new double[reps];
            for (int i = -WARM_UP; i < reps; i++) {
                long w = System.nanoTime();
                long c = os.getProcessCpuTime();
                long t = threads.getCurrentThreadCpuTime();
                benchmark.rolloutOneTrajectory(steps);
                if (i >= 0) {
                    wall[i] = steps / ((System.nanoTime() - w) / 1e9);
                    cpu[i] = steps / ((os.getProcessCpuTime() - c) / 1e9);
                    thread[i] = steps / ((threads.getCurrentThreadCpuTime() - t) / 1e9);
                }
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            Arrays.sort(thread);
            System.out.printf("%s %s threads=%s: rollout of one state, model steps per second, median (best) of %d x %d"
                    + " steps: wall %.1f (%.1f), process CPU %.1f (%.1f), calling thread CPU %.1f (%.1f)%n", args[0],
                    args[1], System.getenv().getOrDefault("OMP_NUM_THREADS", "default"), reps, steps, wall[reps / 2],
                    wall[reps - 1], cpu[reps / 2], cpu[reps - 1], thread[reps / 2], thread[reps - 1]);
        } finally {
            benchmark.tearDown();
        }
    }
}
