package org.epnsj.domain.nbody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.epnsj.api.data.FloatTrajectory;
import org.junit.jupiter.api.Test;

class FrameEnergyTest {

    /** Body 1: m 2 at the origin moving at (1, 0, 0); body 2: m 3 at (3, 4, 0) moving at (0, 0, 2). */
    private static final float[] TWO_BODIES = {2, 0, 0, 0, 1, 0, 0, 3, 3, 4, 0, 0, 0, 2};

    @Test
    void kineticEnergyIsHalfMassTimesSpeedSquared() {
        // ½·2·1 + ½·3·4 = 7
        assertThat(FrameEnergy.of(TWO_BODIES, NBodyConfig.standard()).kinetic()).isCloseTo(7, within(1e-12));
    }

    @Test
    void potentialEnergyIsPlummerSoftened() {
        // r = 5: −G m1 m2 / sqrt(r² + ε²)
        assertThat(FrameEnergy.of(TWO_BODIES, NBodyConfig.standard()).potential())
                .isCloseTo(-6 / Math.sqrt(25.01), within(1e-12));
        NBodyConfig strong = new NBodyConfig(2, 2.0, 1.0, 0.1, 1e-4, 0.01);
        FrameEnergy e = FrameEnergy.of(TWO_BODIES, strong);
        assertThat(e.potential()).isCloseTo(-2 * 6 / Math.sqrt(26), within(1e-12));
        assertThat(e.total()).isCloseTo(7 - 12 / Math.sqrt(26), within(1e-12));
    }

    @Test
    void furthestDistanceIsMeasuredFromTheOrigin() {
        assertThat(NBodyDiagnostics.furthestDistanceFromOrigin(NBodyDiagnostics.widen(TWO_BODIES)))
                .isCloseTo(5, within(1e-12));
        double[] withNan = NBodyDiagnostics.widen(TWO_BODIES);
        withNan[1] = Double.NaN;
        assertThat(NBodyDiagnostics.furthestDistanceFromOrigin(withNan)).isNaN();
    }

    @Test
    void framesThatAreNotBodiesBySevenChannelsAreRejected() {
        var wrong = new FloatTrajectory(new long[] {2, 6}, 1, new float[12]);
        assertThatThrownBy(() -> FrameEnergy.checkLayout("test", wrong))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'test'")
                .hasMessageContaining("[2, 6]");
    }
}
