package org.epnsj.benchmarks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.engine.NativeHeap;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.training.AdamOptimizer;
import org.epnsj.runtime.training.GradientAccumulator;
import org.epnsj.runtime.training.Parameters;
import org.epnsj.runtime.training.StateBatches;

/**
 * Where one training step and one rollout step of a model go: the phases of {@link
 * org.epnsj.runtime.training.EpnsTrainer}'s one-step training step (forward model, prior, posterior
 * and its sample, decoder, ELBO terms, the three host reads of the loss terms, backward pass,
 * gradient collection, Adam) at the preset's batch, and the phases of a rollout step of one state
 * (forward model, prior and its sample, decoder, readout). Per phase: process CPU time, wall time
 * and the number of arrays created (every engine op creates one, views and {@code getGradient}
 * included, so it counts op calls). On MXNet every phase ends with a wait for the engine's queue,
 * so its time is not charged to the next one. Uses only the public model API, so it runs against
 * any version of the models, and prints the first step's loss terms, squared gradient norm and rollout
 * state sums (fixed seeds), which two builds of the models must reproduce up to float rounding.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 java -cp <benchmarks class path> org.epnsj.benchmarks.NBodyStepBreakdown
 * pytorch nbody/epns/paper 7}; prints means over the steps after 3 warm-up steps.
 */
public final class NBodyStepBreakdown {

    private static final int WARM_UP = 3;
    private static final int ROLLOUT_STEPS_PER_REP = 20;
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Runnable sync;
    private final Map<String, double[]> rows = new LinkedHashMap<>();
    private NDScope scope;
    private int recorded;
    /** The first (warm-up) step's negative ELBO, NLL and KL, printed to compare builds. */
    private double[] firstLoss;

    private NBodyStepBreakdown(Runnable sync) {
        this.sync = sync;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: engine domain/model/preset [steps]");
        }
        String engine = args[0];
        BenchmarkSubject subject = BenchmarkSubject.parse(args[1]);
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        Engines.configureOffline();
        NativeHeap.keepFreedMemory();
        try (NDManager manager = Engines.newManager(engine, DeviceKind.CPU)) {
            TrainingConfig settings = subject.trainingConfig();
            List<Trajectory> data = subject.simulate(settings.batchSize(), settings.stride() + 1,
                    new SplittableRandom(1));
            TransitionModel model = subject.createModel(new ModelContext(manager, DataType.FLOAT32, 1));
            NBodyStepBreakdown b = new NBodyStepBreakdown(syncFor(manager));
            System.out.printf("%s %s, batch %d, %d parameters in %d arrays, %s threads%n", engine, args[1],
                    data.size(), model.parameters().values().stream().mapToLong(p -> p.getShape().size()).sum(),
                    model.parameters().size(), System.getenv().getOrDefault("OMP_NUM_THREADS", "default"));
            b.training(manager, model, settings, data, steps);
            b.rollout(manager, model, settings, data.get(0), steps);
        }
    }

    private void training(NDManager manager, TransitionModel model, TrainingConfig settings, List<Trajectory> data,
            int steps) {
        Map<String, NDArray> parameters = model.parameters();
        int[] starts = new int[data.size()];
        int[] ends = new int[data.size()];
        java.util.Arrays.fill(ends, settings.stride());
        try (AdamOptimizer adam = new AdamOptimizer(parameters, settings.adam());
                GradientAccumulator gradients = new GradientAccumulator(parameters)) {
            SeededNoise noise = new SeededNoise(1);
            for (int s = -WARM_UP; s < steps; s++) {
                boolean keep = s >= 0;
                gradients.reset();
                try (NDManager m = manager.newSubManager(); NDScope sc = new NDScope()) {
                    sc.suppressNotUsedWarning();
                    scope = sc;
                    NDArray input = StateBatches.stack(m, data, starts, model.dataType());
                    NDArray target = StateBatches.stack(m, data, ends, model.dataType());
                    Engine engine = m.getEngine();
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDList h = phase(keep, "train: forward model", () -> model.forwardModel().forward(input, true));
                        Distribution prior = phase(keep, "train: prior", () -> model.prior().prior(h, true));
                        Distribution posterior = phase(keep, "train: posterior",
                                () -> model.posterior().posterior(h, target, true));
                        NDArray z = phase(keep, "train: posterior sample", () -> posterior.rsample(noise));
                        Distribution prediction = phase(keep, "train: decoder", () -> model.decoder().decode(h, z, true));
                        NDArray[] terms = phase(keep, "train: ELBO terms", () -> {
                            NDArray nll = prediction.logProb(target).sum().neg();
                            NDArray kl = posterior.kl(prior).sum();
                            return new NDArray[] {nll.add(kl), nll, kl};
                        });
                        double[] read = phase(keep, "train: 3 host reads of loss terms", () -> {
                            double[] values = new double[terms.length];
                            for (int i = 0; i < terms.length; i++) {
                                values[i] = Parameters.scalar(terms[i]);
                            }
                            return values;
                        });
                        if (s == -WARM_UP) {
                            firstLoss = read;
                        }
                        phase(keep, "train: backward", () -> {
                            collector.backward(terms[0]);
                            return null;
                        });
                    }
                    phase(keep, "train: gradient collection", () -> {
                        gradients.collect();
                        return null;
                    });
                }
                if (s == -WARM_UP) {
                    double squares = 0;
                    for (NDArray g : gradients.sums().values()) {
                        try (NDArray sq = g.square().sum()) {
                            squares += Parameters.scalar(sq);
                        }
                    }
                    System.out.printf("first step: negative ELBO %.9g, NLL %.9g, KL %.9g, squared gradient norm %.9g%n",
                            firstLoss[0], firstLoss[1], firstLoss[2], squares);
                }
                double norm = gradients.norm();
                phase(keep, "train: Adam step", () -> {
                    adam.step(gradients.sums(), norm);
                    return null;
                });
                if (keep) {
                    recorded++;
                }
            }
        }
        print("training step", recorded);
    }

    private void rollout(NDManager manager, TransitionModel model, TrainingConfig settings, Trajectory start, int reps) {
        rows.clear();
        recorded = 0;
        SeededNoise noise = new SeededNoise(2);
        try (NDManager home = manager.newSubManager()) {
            NDArray x0 = StateBatches.stack(home, List.of(start), new int[1], model.dataType());
            for (int r = -WARM_UP; r < reps; r++) {
                boolean keep = r >= 0;
                NDArray x = x0;
                for (int s = 0; s < ROLLOUT_STEPS_PER_REP; s++) {
                    NDArray current = x;
                    try (NDManager m = home.newSubManager(); NDScope sc = new NDScope()) {
                        sc.suppressNotUsedWarning();
                        scope = sc;
                        NDList h = phase(keep, "rollout: forward model", () -> model.forwardModel().forward(current, false));
                        NDArray z = phase(keep, "rollout: prior and sample",
                                () -> model.prior().prior(h, false).sample(noise));
                        Distribution prediction = phase(keep, "rollout: decoder", () -> model.decoder().decode(h, z, false));
                        NDArray next = phase(keep, "rollout: readout",
                                () -> model.readout(current, prediction, settings.rolloutReadout(), noise));
                        if (r == -WARM_UP && (s == 0 || s == ROLLOUT_STEPS_PER_REP - 1)) {
                            try (NDArray sum = next.sum()) {
                                System.out.printf("first rollout, step %d: sum of the state %.9g%n", s + 1,
                                        Parameters.scalar(sum));
                            }
                        }
                        NDScope.unregister(next);
                        next.attach(home);
                        x = next;
                    }
                    if (current != x0) {
                        current.close();
                    }
                    if (keep) {
                        recorded++;
                    }
                }
            }
        }
        print("rollout step, batch 1", recorded);
    }

    /** Runs one phase, adds its CPU and wall time and the arrays it created to its row. */
    private <T> T phase(boolean keep, String name, Supplier<T> f) {
        int before = scopeSize();
        long wall = System.nanoTime();
        long cpu = CPU.getProcessCpuTime();
        T out = f.get();
        sync.run();
        long cpuUsed = CPU.getProcessCpuTime() - cpu;
        long wallUsed = System.nanoTime() - wall;
        int arrays = scopeSize() - before;
        if (keep) {
            double[] row = rows.computeIfAbsent(name, k -> new double[3]);
            row[0] += cpuUsed / 1e6;
            row[1] += wallUsed / 1e6;
            row[2] += arrays;
        }
        return out;
    }

    private void print(String what, int count) {
        System.out.printf("%n%s, mean of %d%n%-40s %10s %10s %8s%n", what, count, "phase", "CPU ms", "wall ms",
                "arrays");
        double[] total = new double[3];
        for (Map.Entry<String, double[]> e : rows.entrySet()) {
            double[] r = e.getValue();
            System.out.printf("%-40s %10.2f %10.2f %8.0f%n", e.getKey(), r[0] / count, r[1] / count, r[2] / count);
            for (int i = 0; i < 3; i++) {
                total[i] += r[i];
            }
        }
        System.out.printf("%-40s %10.2f %10.2f %8.0f%n", "total", total[0] / count, total[1] / count, total[2] / count);
        rows.clear();
    }

    /** The arrays registered in the current scope so far (DJL keeps them there until the scope closes). */
    private int scopeSize() {
        try {
            Field f = NDScope.class.getDeclaredField("resources");
            f.setAccessible(true);
            return ((IdentityHashMap<?, ?>) f.get(scope)).size();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot count arrays in an NDScope of this DJL version", e);
        }
    }

    /** A wait for MXNet's asynchronous engine; nothing on PyTorch, whose CPU ops return when done. */
    private static Runnable syncFor(NDManager manager) throws ReflectiveOperationException {
        if (!"MXNet".equals(manager.getEngine().getEngineName())) {
            return () -> { };
        }
        Method waitAll = Class.forName("ai.djl.mxnet.jna.JnaUtils").getMethod("waitAll");
        return () -> {
            try {
                waitAll.invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
