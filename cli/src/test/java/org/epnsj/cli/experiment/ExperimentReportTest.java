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
        assertThat(ExperimentReport.withUnit("somethingElse")).isEqualTo("somethingElse");
    }
}
