package org.epnsj.api.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Pins the schedules to the values of spec sections 1.3 and 1.4. */
class SchedulesTest {

    private static final double EXACT = 1e-12;

    @Test
    void cellPresetBetaRisesOverTheFirstEighthThenStaysAt64() {
        KlAnnealing cell = new KlAnnealing(64, 1, 0.125);
        assertThat(cell.beta(0, 180)).isCloseTo(64 * 1 / 22.5, within(EXACT));
        assertThat(cell.beta(21, 180)).isCloseTo(64 * 22 / 22.5, within(EXACT));
        assertThat(cell.beta(22, 180)).isEqualTo(64.0);
        assertThat(cell.beta(179, 180)).isEqualTo(64.0);
    }

    @Test
    void nbodyPresetBetaRisesLinearlyOverTheWholeRun() {
        KlAnnealing nbody = KlAnnealing.LINEAR_OVER_RUN;
        assertThat(nbody.beta(0, 200)).isCloseTo(0.005, within(EXACT));
        assertThat(nbody.beta(99, 200)).isCloseTo(0.5, within(EXACT));
        assertThat(nbody.beta(199, 200)).isCloseTo(1.0, within(EXACT));
    }

    @Test
    void cyclesRestartAndEpochsPastTheLastFullCycleStayAtTheMaximum() {
        KlAnnealing twoCycles = new KlAnnealing(1, 2, 0.5);
        // 11 epochs, 2 cycles: cycle length 5; epoch 10 lies past both cycles.
        assertThat(twoCycles.beta(0, 11)).isCloseTo(0.4, within(EXACT));
        assertThat(twoCycles.beta(2, 11)).isEqualTo(1.0);
        assertThat(twoCycles.beta(5, 11)).isCloseTo(0.4, within(EXACT));
        assertThat(twoCycles.beta(10, 11)).isEqualTo(1.0);
        assertThat(KlAnnealing.constant(2.5).beta(0, 3)).isEqualTo(2.5);
    }

    @Test
    void rolloutLengthFollowsThePaperSchedule() {
        MultiStepSchedule s = MultiStepSchedule.PAPER;
        assertThat(s.rolloutLength(0, 1001, 10)).isEqualTo(1);
        assertThat(s.rolloutLength(50, 1001, 10)).isEqualTo(1);
        assertThat(s.rolloutLength(51, 1001, 10)).isEqualTo(2);
        assertThat(s.rolloutLength(59, 1001, 10)).isEqualTo(2);
        assertThat(s.rolloutLength(60, 1001, 10)).isEqualTo(3);
        assertThat(s.rolloutLength(199, 1001, 10)).isEqualTo(16);
        assertThat(s.rolloutLength(179, 59, 1)).isEqualTo(14);
        // The cap floor((T-1)/3/k): 33 for T = 1001, k = 10.
        assertThat(s.rolloutLength(10_000, 1001, 10)).isEqualTo(33);
    }

    @Test
    void invalidSettingsNameTheField() {
        assertThatThrownBy(() -> new AdamSettings(-1, 0, 0.9, 0.999, 1e-8)).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> new KlAnnealing(1, 0, 0.5)).hasMessageContaining("cycles");
        assertThatThrownBy(() -> new AdamSettings(1e-3, 0, 1.0, 0.999, 1e-8)).hasMessageContaining("beta1");
        // A factor below 1 would scale down every step with a norm above the median, half of all steps.
        assertThatThrownBy(() -> new AdamSettings(1e-3, 0, 0.9, 0.999, 1e-8, 1, 0.5))
                .hasMessageContaining("gradientClipFactor");
        assertThatThrownBy(() -> new AdamSettings(1e-3, 0, 0.9, 0.999, 1e-8, 1, Double.NaN))
                .hasMessageContaining("gradientClipFactor");
        AdamSettings clipped = new AdamSettings(1e-3, 0, 0.9, 0.999, 1e-8).withGradientClipFactor(5);
        assertThat(clipped.clipsGradients()).isTrue();
        assertThat(clipped.withLearningRate(1e-4).gradientClipFactor()).isEqualTo(5);
        assertThat(new AdamSettings(1e-3, 0, 0.9, 0.999, 1e-8).clipsGradients()).isFalse();
    }
}
