package org.epnsj.domain.flocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The swarm statistics on hand-built flocks whose values are known. */
class FlockStatisticsTest {

    private static final Offset<Double> EXACT = Offset.offset(1e-12);

    /** Particles as (x, y, vx, vy) quadruples. */
    private static double[] flock(double... values) {
        return values;
    }

    @Test
    void polarisationIsTheLengthOfTheMeanHeading() {
        assertThat(FlockStatistics.polarisation(flock(0, 0, 2, 0, 5, 5, 0.5, 0, -3, 1, 1, 0))).isCloseTo(1, EXACT);
        assertThat(FlockStatistics.polarisation(flock(0, 0, 1, 0, 1, 0, -3, 0))).isCloseTo(0, EXACT);
        // Headings 0, 90, 0 and 90 degrees at different speeds: |(2, 2)| / 4.
        assertThat(FlockStatistics.polarisation(flock(0, 0, 1, 0, 1, 0, 0, 2, 2, 0, 5, 0, 3, 0, 0, 0.1)))
                .isCloseTo(Math.sqrt(8) / 4, EXACT);
    }

    @Test
    void nearestNeighbourDistanceAveragesEachParticlesClosestOther() {
        // A unit square: every particle's nearest neighbour is 1 away.
        assertThat(FlockStatistics.meanNearestNeighbourDistance(flock(0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 1, 0)))
                .isCloseTo(1, EXACT);
        // Points at 0, 1 and 3 on a line: 1, 1 and 2.
        assertThat(FlockStatistics.meanNearestNeighbourDistance(flock(0, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0)))
                .isCloseTo(4.0 / 3, EXACT);
    }

    @Test
    void radiusIsTheRmsDistanceToTheCentroidWhereverTheFlockIs() {
        double[] square = flock(100, -50, 1, 0, 102, -50, 1, 0, 100, -48, 1, 0, 102, -48, 1, 0);
        assertThat(FlockStatistics.radius(square)).isCloseTo(Math.sqrt(2), EXACT);
        // Two particles 6 apart: each is 3 from the centroid.
        assertThat(FlockStatistics.radius(flock(-1, 2, 0, 0, 5, 2, 0, 0))).isCloseTo(3, EXACT);
    }

    @Test
    void componentsJoinParticlesCloserThanTheInteractionRadius() {
        // A chain with spacing 1.5 is one component at radius 2 although its ends are 4.5 apart.
        double[] chain = flock(0, 0, 1, 0, 1.5, 0, 1, 0, 3, 0, 1, 0, 4.5, 0, 1, 0);
        assertThat(FlockStatistics.components(chain, 2.0)).isEqualTo(1);
        assertThat(FlockStatistics.components(chain, 1.0)).isEqualTo(4);
        // Two pairs 5 apart.
        double[] twoGroups = flock(0, 0, 1, 0, 0, 1, 1, 0, 5, 0, 1, 0, 5, 1, 1, 0);
        assertThat(FlockStatistics.components(twoGroups, 2.0)).isEqualTo(2);
    }

    @Test
    void nonFiniteFramesGiveNaNAndBadLayoutsAreRejected() {
        double[] broken = flock(0, 0, 1, 0, Double.NaN, 0, 1, 0);
        assertThat(FlockStatistics.polarisation(broken)).isNaN();
        assertThat(FlockStatistics.radius(broken)).isNaN();
        assertThat(FlockStatistics.meanNearestNeighbourDistance(broken)).isNaN();
        assertThat(FlockStatistics.components(broken, 2.0)).isEqualTo(-1);
        assertThatThrownBy(() -> FlockStatistics.radius(new double[6])).hasMessageContaining("4 values [x, y, vx, vy] per particle, got 6");
        assertThatThrownBy(() -> FlockStatistics.meanNearestNeighbourDistance(new double[4]))
                .hasMessageContaining("at least 2 particles, got 1");
    }
}
