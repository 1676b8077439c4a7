package org.epnsj.reports.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.epnsj.api.metric.Metric;
import org.junit.jupiter.api.Test;

class MetricFiguresTest {

    @Test
    void aChartIsTitledWithWhatTheMetricMeasuresNotItsKey() {
        Metric energy = Metric.curve("totalEnergyModelMedian", "simulation units",
                "median total energy of the model's rollouts at each step (band: the 10 % and 90 % quantiles)");
        Metric ks = Metric.perStep("clusterKs.statistic", "", null,
                "two-sample KS statistic D of the number of same-type clusters, model rollouts against the data");

        assertThat(MetricFigures.title(energy)).isEqualTo("Median total energy of the model's rollouts at each step");
        assertThat(MetricFigures.title(ks)).isEqualTo("Two-sample KS statistic D of the number of same-type clusters");
    }

    @Test
    void aMetricWithoutADescriptionIsTitledWithItsName() {
        assertThat(MetricFigures.title(Metric.curve("stableFraction", "", ""))).isEqualTo("StableFraction");
    }
}
