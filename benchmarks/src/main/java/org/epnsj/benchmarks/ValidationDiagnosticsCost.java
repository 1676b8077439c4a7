package org.epnsj.benchmarks;

import ai.djl.ndarray.NDManager;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;

/**
 * The extra cost of the training diagnostics as a paired ratio: the validation pass of
 * {@link ValidationDiagnosticsBenchmark} plain and with diagnostics, alternately (the order swapped
 * every round), so that both see the same machine load. Prints every round and the median, minimum
 * and maximum of the ratios with / plain, of wall time and of the calling thread's CPU time. With
 * PyTorch and one intra-op thread ({@code OMP_NUM_THREADS=1}) the ops run on the calling thread, so
 * its CPU time is the work done whatever else the machine runs; MXNet computes on engine threads of
 * its own, so there only the wall time counts.
 *
 * <p>Usage: {@code java -cp <benchmarks class path> org.epnsj.benchmarks.ValidationDiagnosticsCost
 * <domain/model/preset> <mxnet|pytorch> <rounds> [batches, default 8]}
 */
public final class ValidationDiagnosticsCost {

    private ValidationDiagnosticsCost() {}

    public static void main(String[] args) {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: ValidationDiagnosticsCost <domain/model/preset> <mxnet|pytorch> <rounds> [batches]");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[2]);
        int batches = args.length == 4 ? Integer.parseInt(args[3]) : 8;
        Engines.configureOffline();
        try (NDManager manager = Engines.newManager(args[1], DeviceKind.CPU)) {
            ValidationDiagnosticsBenchmark.Fixture f = ValidationDiagnosticsBenchmark.Fixture.of(manager, args[0], batches);
            // Warm-up: one of each.
            f.plain();
            f.withDiagnostics();
            double[] wallRatios = new double[rounds];
            double[] cpuRatios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                double[] plain;
                double[] with;
                if (r % 2 == 0) {
                    plain = time(f::plain);
                    with = time(f::withDiagnostics);
                } else {
                    with = time(f::withDiagnostics);
                    plain = time(f::plain);
                }
                wallRatios[r] = with[0] / plain[0];
                cpuRatios[r] = with[1] / plain[1];
                System.out.printf(Locale.ROOT, "round %d: plain %.1f ms (cpu %.1f), with diagnostics %.1f ms (cpu %.1f), "
                        + "ratio %.3f (cpu %.3f)%n", r, plain[0], plain[1], with[0], with[1], wallRatios[r], cpuRatios[r]);
            }
            System.out.printf(Locale.ROOT, "%s on %s, %d batches of %d, %d rounds: with / plain, wall %s, thread cpu %s%n",
                    args[0], args[1], batches, f.config().batchSize(), rounds, summary(wallRatios), summary(cpuRatios));
        }
    }

    private static String summary(double[] ratios) {
        double[] r = ratios.clone();
        Arrays.sort(r);
        int n = r.length;
        double median = n % 2 == 1 ? r[n / 2] : (r[n / 2 - 1] + r[n / 2]) / 2;
        return String.format(Locale.ROOT, "median %.3f (min %.3f, max %.3f)", median, r[0], r[n - 1]);
    }

    /** Wall and calling-thread CPU milliseconds of one pass. */
    private static double[] time(Runnable pass) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        pass.run();
        return new double[] {(System.nanoTime() - start) / 1e6, (threads.getCurrentThreadCpuTime() - cpu) / 1e6};
    }
}
