package org.epnsj.runtime.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epnsj.runtime.training.EpochDiagnostics;
import org.epnsj.runtime.training.EpochSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunMetricsTest {

    /** A line as written before the diagnostics existed (from docs/results/nbody-cpu/epns-metrics.jsonl). */
    private static final String OLD_LINE = "{\"epoch\":0,\"beta\":0.025,\"rolloutLength\":1,"
            + "\"trainLoss\":-27.502883010897904,\"trainNll\":-27.513040324300526,\"trainKl\":0.4062925361050293,"
            + "\"validationNegativeElbo\":-32.9917292994968,\"seconds\":51.165980057,\"best\":true}";

    @Test
    void metricsLinesRoundTripWithAndWithoutDiagnosticsAndOldLinesStillLoad(@TempDir Path dir) throws IOException {
        RunDirectory run = RunDirectory.create(dir);
        Files.writeString(run.metricsFile(), OLD_LINE + "\n", StandardCharsets.UTF_8);
        Map<String, Double> accuracy = new LinkedHashMap<>();
        accuracy.put("siteAccuracy", 0.93);
        accuracy.put("motionAccuracy", Double.NaN);
        EpochDiagnostics diagnostics = new EpochDiagnostics(17, 0.01, 1, List.of(0.5, 0.001),
                List.of(1.0, 0.9), List.of(0.2, 0.95), List.of(0.3, 0.0), 12, accuracy);
        EpochSummary withDiagnostics = new EpochSummary(1, 0.5, 2, 1.5, 1.25, 0.5, 1.75, 3.0, true, diagnostics);
        EpochSummary without = new EpochSummary(2, 1, 1, -1, -2, 1, Double.NaN, 2.5, false, null);
        run.appendMetrics(withDiagnostics);
        run.appendMetrics(without);
        // A line cut off by a crash is left out.
        Files.writeString(run.metricsFile(), "{\"epoch\":3,\"be", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        List<EpochSummary> read = run.readMetrics();
        assertThat(read).hasSize(3);
        EpochSummary old = read.get(0);
        assertThat(old.epoch()).isZero();
        assertThat(old.validationNegativeElbo()).isEqualTo(-32.9917292994968);
        assertThat(old.best()).isTrue();
        assertThat(old.diagnostics()).isNull();
        assertThat(read.get(1)).isEqualTo(withDiagnostics);
        assertThat(read.get(1).diagnostics().oneStepAccuracy().get("motionAccuracy")).isNaN();
        assertThat(read.get(1).diagnostics().oneStepAccuracy().keySet()).containsExactly("siteAccuracy",
                "motionAccuracy");
        assertThat(read.get(2)).isEqualTo(without);
    }

    @Test
    void aRunWithoutMetricsReadsAsNoEpochs(@TempDir Path dir) throws IOException {
        assertThat(RunDirectory.create(dir).readMetrics()).isEmpty();
    }
}
