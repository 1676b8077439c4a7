package org.epnsj.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExperimentReportTest {

    @Test
    void dataEfficiencyAxesCarryTheMetricsUnits() {
        assertThat(ExperimentReport.withUnit("testNegativeElbo")).isEqualTo("testNegativeElbo [nats per transition]");
        assertThat(ExperimentReport.withUnit("clusterKs.statistic (mean over steps)"))
                .endsWith("[KS statistic D, 0 = same distribution]");
        assertThat(ExperimentReport.withUnit("modelMeanCellSpeed")).endsWith("[pixels per step]");
        assertThat(ExperimentReport.withUnit("stableFractionFinal")).endsWith("[fraction of rollouts]");
        assertThat(ExperimentReport.withUnit("netDisplacementModel40")).endsWith("[pixels]");
        assertThat(ExperimentReport.withUnit("msdData40")).endsWith("[pixels²]");
        assertThat(ExperimentReport.withUnit(ExperimentReport.MSD_MODEL + ".last")).endsWith("[pixels²]");
        assertThat(ExperimentReport.withUnit("displacementExcludedCellsModel")).endsWith("[cells]");
        assertThat(ExperimentReport.withUnit("somethingElse")).isEqualTo("somethingElse");
    }

    @Test
    void dataEfficiencyBandsStayWithinWhatTheMetricCanTake() {
        assertThat(ExperimentReport.bandWithinRange("stableFractionFinal", 0.3, 1.17)).containsExactly(0.3, 1.0);
        assertThat(ExperimentReport.bandWithinRange("ksKineticEnergyStatistic (mean over steps)", -0.1, 0.9))
                .containsExactly(0.0, 0.9);
        assertThat(ExperimentReport.bandWithinRange("clusterKs.modelMeanClusters (mean over steps)", -2, 22))
                .containsExactly(0.0, 22.0);
        assertThat(ExperimentReport.bandWithinRange("msdModel40", -3, 5)).containsExactly(0.0, 5.0);
        assertThat(ExperimentReport.bandWithinRange("netDisplacementModel40", -1, 2)).containsExactly(0.0, 2.0);
        assertThat(ExperimentReport.bandWithinRange("testNegativeElbo", -93, -85)).containsExactly(-93.0, -85.0);
    }
}
