package org.epnsj.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.ops.Ops;
import org.epnsj.runtime.training.Elbo;
import org.epnsj.runtime.training.GradientAccumulator;
import org.epnsj.runtime.training.StateBatches;
import org.hipparchus.stat.descriptive.DescriptiveStatistics;

/**
 * The cost of the PyTorch float32 convolution guard of {@link Ops#conv2d}: a model's training step at
 * its preset's batch (forward, ELBO, backward, gradient collection; PyTorch at its default thread
 * count unless {@code OMP_NUM_THREADS} says otherwise) timed with the guard on and off, alternating
 * step by step (on-off, then off-on) so that both see the same load on a shared machine. Prints per
 * model the median and fastest step of each and the median of the per-pair ratios on / off with its
 * quartiles.
 *
 * <p>The optimiser update is left out, so the parameters stay as initialised: without the guard the
 * faulty convolutions of an affected processor give wrong values, now and then NaN, which must not
 * feed into the next step. Only the time of the unguarded steps means anything.
 *
 * <p>Usage: {@code java -cp <benchmarks class path> org.epnsj.benchmarks.ConvGuardCost
 * [domain/model/preset,... [pairs [warm-up pairs]]]}, by default the three cell models at the {@code cpu}
 * preset, 20 pairs after 3.
 */
public final class ConvGuardCost {

    private ConvGuardCost() {}

    public static void main(String[] args) {
        List<String> subjects = List.of((args.length > 0 ? args[0]
                : "cellular/epns-reference/cpu,cellular/pns/cpu,cellular/epns/cpu").split(","));
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (pairs < 1 || warmUp < 0) {
            throw new IllegalArgumentException("pairs must be >= 1 and warm-up pairs >= 0, got " + pairs + " and " + warmUp);
        }
        Engines.configureOffline();
        try (NDManager manager = Engines.newManager(Engines.PYTORCH, DeviceKind.CPU)) {
            String threads = System.getenv("OMP_NUM_THREADS");
            System.out.printf(Locale.ROOT, "PyTorch, %s; %d pairs after %d warm-up pairs%n",
                    threads == null ? "default thread count" : "OMP_NUM_THREADS=" + threads, pairs, warmUp);
            for (String subject : subjects) {
                measure(manager, subject, pairs, warmUp);
            }
        } finally {
            System.clearProperty(Ops.PYTORCH_CONV_GUARD_PROPERTY);
        }
    }

    private static void measure(NDManager root, String subject, int pairs, int warmUp) {
        BenchmarkSubject what = BenchmarkSubject.parse(subject);
        TrainingConfig settings = what.trainingConfig();
        List<Trajectory> batch = what.simulate(settings.batchSize(), settings.stride() + 1, new SplittableRandom(1));
        int[] first = new int[batch.size()];
        int[] next = new int[batch.size()];
        Arrays.fill(next, settings.stride());
        try (NDManager m = root.newSubManager()) {
            TransitionModel model = what.createModel(new ModelContext(m, DataType.FLOAT32, 1));
            NDArray input = StateBatches.stack(m, batch, first, DataType.FLOAT32);
            NDArray target = StateBatches.stack(m, batch, next, DataType.FLOAT32);
            DescriptiveStatistics on = new DescriptiveStatistics();
            DescriptiveStatistics off = new DescriptiveStatistics();
            DescriptiveStatistics ratio = new DescriptiveStatistics();
            try (GradientAccumulator gradients = new GradientAccumulator(model.parameters())) {
                for (int pair = 0; pair < warmUp + pairs; pair++) {
                    boolean guardFirst = pair % 2 == 0;
                    double a = timedStep(model, gradients, input, target, guardFirst, pair);
                    double b = timedStep(model, gradients, input, target, !guardFirst, pair);
                    if (pair >= warmUp) {
                        double guarded = guardFirst ? a : b;
                        double unguarded = guardFirst ? b : a;
                        on.addValue(guarded);
                        off.addValue(unguarded);
                        ratio.addValue(guarded / unguarded);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%s: guard on median %.1f ms (fastest %.1f), off median %.1f ms (fastest %.1f);"
                    + " ratio on / off: median %.3f, quartiles %.3f-%.3f%n", subject, on.getPercentile(50), on.getMin(),
                    off.getPercentile(50), off.getMin(), ratio.getPercentile(50), ratio.getPercentile(25),
                    ratio.getPercentile(75));
        }
    }

    /** One forward, ELBO and backward pass with the guard on or off; milliseconds. */
    private static double timedStep(TransitionModel model, GradientAccumulator gradients, NDArray input, NDArray target,
            boolean guard, int seed) {
        System.setProperty(Ops.PYTORCH_CONV_GUARD_PROPERTY, Boolean.toString(guard));
        gradients.reset();
        long start = System.nanoTime();
        try (NDManager step = input.getManager().newSubManager();
                GradientCollector collector = input.getManager().getEngine().newGradientCollector()) {
            NDArray x = input.duplicate();
            x.attach(step);
            Elbo.Step result = Elbo.evaluate(model, x, target, 1.0, 0.0, new SeededNoise(seed), true);
            collector.backward(result.loss());
            gradients.collect();
        }
        return (System.nanoTime() - start) / 1e6;
    }
}
