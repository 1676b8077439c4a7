package org.epnsj.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.epnsj.runtime.run.RunDirectory;
import org.epnsj.runtime.training.EpochDiagnostics;
import org.epnsj.runtime.training.EpochSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLogTest {

    @Test
    void oldAndNewLinesCountTheirEpochsAndTimeAndKeepTheDiagnostics(@TempDir Path dir) throws IOException {
        RunDirectory run = RunDirectory.create(dir);
        // Written before the diagnostics existed.
        Files.writeString(run.metricsFile(), "{\"epoch\":0,\"beta\":0.5,\"rolloutLength\":1,\"trainLoss\":3.0,"
                + "\"trainNll\":2.5,\"trainKl\":1.0,\"validationNegativeElbo\":2.75,\"seconds\":4.5,\"best\":true}\n");
        EpochDiagnostics d = new EpochDiagnostics(1, 0.01, 2, List.of(0.5, 0.2, 0.0), List.of(1.0, 1.0, 1.0),
                List.of(0.5, 0.7, 1.0), List.of(0.4, 0.2, 0.0), 16, Map.of("relativeRmsError", 0.8));
        run.appendMetrics(new EpochSummary(1, 1, 1, 2, 1.5, 0.7, 2.25, 5.25, true, d));

        TrainingLog log = TrainingLog.read(run.metricsFile());
        assertThat(log.epochs()).isEqualTo(2);
        assertThat(log.seconds()).isEqualTo(9.75);
        assertThat(log.history().get(0).diagnostics()).isNull();
        assertThat(log.history().get(1).diagnostics()).isEqualTo(d);
        assertThat(TrainingLog.read(dir.resolve("absent.jsonl")).epochs()).isZero();
    }
}
