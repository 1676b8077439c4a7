package org.epnsj.api.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.epnsj.api.model.Readout;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    private static TrainingConfig config(int epochs, int batch, int samplesPerTrajectory) {
        return new TrainingConfig(epochs, batch, samplesPerTrajectory, 1, new AdamSettings(1e-3, 0, 0.9, 0.999, 1e-8),
                KlAnnealing.LINEAR_OVER_RUN, 0.0, TrainingStrategy.ONE_STEP, MultiStepSchedule.PAPER, Readout.MEAN,
                Readout.MEAN, 1L);
    }

    @Test
    void optimiserStepsCountAPartialLastBatchOfEveryEpoch() {
        // 80 trajectories x 80 samples / 32 = 200 steps per epoch; 16 x 20 / 32 = 10; 17 x 3 / 8 = 6.375 -> 7.
        assertThat(config(160, 32, 80).optimiserSteps(80)).isEqualTo(32_000);
        assertThat(config(10, 32, 20).optimiserSteps(16)).isEqualTo(100);
        assertThat(config(2, 8, 3).optimiserSteps(17)).isEqualTo(14);
    }

    @Test
    void optimiserStepsNeedATrainingTrajectory() {
        assertThatThrownBy(() -> config(1, 1, 1).optimiserSteps(0)).hasMessageContaining("trainTrajectories");
    }
}
