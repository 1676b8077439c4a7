package org.epnsj.runtime.training;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.epnsj.api.model.Readout;
import org.epnsj.api.training.AdamSettings;
import org.epnsj.api.training.KlAnnealing;
import org.epnsj.api.training.MultiStepSchedule;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.api.training.TrainingStrategy;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.testing.RandomWalks;
import org.epnsj.runtime.testing.TinyGaussianModel;
import org.junit.jupiter.api.Test;

class NonFiniteLossTest {

    @Test
    void divergingTrainingStopsWithAMessageSayingWhere() {
        // A learning rate of 1e30 sends the parameters to infinity within a few steps.
        TrainingConfig config = new TrainingConfig(5, 8, 4, 1, new AdamSettings(1e30, 0, 0.9, 0.999, 1e-8),
                KlAnnealing.constant(1), 0, TrainingStrategy.ONE_STEP, MultiStepSchedule.PAPER, Readout.MEAN,
                Readout.MEAN, 1);
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            TinyGaussianModel model = new TinyGaussianModel(m, DataType.FLOAT32, 1);
            try (EpnsTrainer trainer = new EpnsTrainer(model, config, RandomWalks.generate(8, 10, 1), List.of())) {
                assertThatThrownBy(trainer::fit).isInstanceOf(NonFiniteLossException.class)
                        .hasMessageContaining("the loss became").hasMessageContaining("at epoch")
                        .hasMessageContaining("lower the learning rate");
            }
        }
    }

    @Test
    void trajectoriesShorterThanTheStrideAreRejectedUpFront() {
        TrainingConfig config = GradientAccumulationTest.multiStepConfig(1);
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            TinyGaussianModel model = new TinyGaussianModel(m, DataType.FLOAT32, 1);
            assertThatThrownBy(() -> new EpnsTrainer(model, config, RandomWalks.generate(2, 1, 1), List.of()))
                    .hasMessageContaining("too short for the model stride");
            assertThatThrownBy(() -> new EpnsTrainer(model, config, List.of(), List.of()))
                    .hasMessageContaining("no training trajectories");
        }
    }
}
