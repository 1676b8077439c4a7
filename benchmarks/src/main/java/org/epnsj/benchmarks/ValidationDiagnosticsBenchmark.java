package org.epnsj.benchmarks;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.training.EpnsTrainer;
import org.epnsj.runtime.training.ValidationPass;
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
 * The cost of the per-epoch training diagnostics: the validation pass over {@code batches} batches
 * of the preset's batch size, plain (the negative ELBO alone, as before the diagnostics) and with
 * the diagnostics (latent statistics on every batch, a prior-z decoder pass and readout on every
 * {@value ValidationPass#ACCURACY_BATCH_INTERVAL}th). Their ratio is the extra cost per epoch's
 * validation. Subjects are named {@code domain/model/preset}; inputs are fresh ground-truth
 * transitions of the domain's simulator and the model is untrained (the cost does not depend on
 * the parameters' values). On a machine whose load changes, {@link ValidationDiagnosticsCost} times
 * the two passes alternately and prints their paired ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true"})
public class ValidationDiagnosticsBenchmark {

    @Param({"mxnet", "pytorch"})
    public String engine;

    @Param({"nbody/epns/cpu", "nbody/pns-mlp/cpu", "cellular/epns/cpu", "cellular/pns/cpu"})
    public String subject;

    /** Validation batches per pass; a multiple of the accuracy interval keeps its share exact. */
    @Param({"8"})
    public int batches;

    private NDManager manager;
    private Fixture fixture;

    @Setup
    public void setUp() {
        Engines.configureOffline();
        manager = Engines.newManager(engine, DeviceKind.CPU);
        fixture = Fixture.of(manager, subject, batches);
    }

    /** A model at a preset's size and {@code batches} batches of fresh validation transitions for it. */
    record Fixture(TransitionModel model, TrainingConfig config, List<Trajectory> items, List<Integer> starts) {

        static Fixture of(NDManager manager, String subject, int batches) {
            BenchmarkSubject what = BenchmarkSubject.parse(subject);
            if (batches < 1) {
                throw new IllegalArgumentException("batches must be >= 1, got " + batches);
            }
            TrainingConfig config = what.trainingConfig();
            List<Trajectory> items = what.simulate(batches * config.batchSize(), config.stride() + 1,
                    new SplittableRandom(1));
            TransitionModel model = what.createModel(new ModelContext(manager, DataType.FLOAT32, 1));
            return new Fixture(model, config, items, Collections.nCopies(items.size(), 0));
        }

        double plain() {
            return EpnsTrainer.negativeElbo(model, config, items, starts, SeededNoise.forStream(1, 2));
        }

        int withDiagnostics() {
            return ValidationPass.run(model, config, items, starts, SeededNoise.forStream(1, 2),
                    SeededNoise.forStream(1, 3)).diagnostics().activeUnits();
        }
    }

    /** The negative ELBO alone. */
    @Benchmark
    public double plain() {
        return fixture.plain();
    }

    /** The negative ELBO with the epoch's diagnostics. */
    @Benchmark
    public int withDiagnostics() {
        return fixture.withDiagnostics();
    }

    @TearDown
    public void tearDown() {
        manager.close();
    }
}
