package org.epnsj.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.epnsj.api.data.Trajectory;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.testing.RandomWalks;
import org.epnsj.runtime.testing.TinyGaussianModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Trainings in several threads of one process, as Spark runs the runs of a sweep. DJL's PyTorch engine
 * allows one gradient collection at a time in a JVM (a second one throws), so they take turns there and
 * must all finish; on both engines each ends exactly as it would alone, so a sweep's results do not
 * depend on how its runs were scheduled. (On PyTorch they differed by about 1 % while the engine left
 * autograd's saved tensors in freed memory, which other threads then reused; {@code HostArrays}.)
 */
class ConcurrentTrainingTest {

    private final List<Trajectory> train = RandomWalks.generate(8, 12, 1);
    private final List<Trajectory> validation = RandomWalks.generate(2, 12, 2);

    @ParameterizedTest
    @ValueSource(strings = {"pytorch", "mxnet"})
    void trainingsInParallelThreadsFinishWithTheParametersOfTrainingsAlone(String engine) throws Exception {
        double alone = train(engine, 3);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Double>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> train(engine, 3)));
            }
            for (Future<Double> run : runs) {
                double together = run.get();
                assertThat(together).isFinite();
                assertThat(together).isEqualTo(alone);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Trains a fresh model (fixed seeds) for some epochs; returns the sum of its parameters. */
    private double train(String engine, int epochs) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            TinyGaussianModel model = new TinyGaussianModel(m, DataType.FLOAT32, 3);
            try (EpnsTrainer t = new EpnsTrainer(model, GradientAccumulationTest.multiStepConfig(epochs), train, validation)) {
                t.fit();
            }
            return model.parameters().values().stream()
                    .mapToDouble(p -> p.toType(DataType.FLOAT64, false).sum().getDouble()).sum();
        }
    }
}
