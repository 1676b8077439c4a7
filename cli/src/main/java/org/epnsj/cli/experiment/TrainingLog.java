package org.epnsj.cli.experiment;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a run's {@code metrics.jsonl} says about its training: epochs done and their summed time
 * (the time of the epochs themselves, so a resumed run counts each epoch once).
 *
 * @param epochs epochs logged
 * @param seconds summed epoch times
 */
record TrainingLog(int epochs, double seconds) {

    static TrainingLog read(Path metrics) throws IOException {
        if (!Files.exists(metrics)) {
            return new TrainingLog(0, 0);
        }
        int epochs = 0;
        double seconds = 0;
        for (String line : Files.readAllLines(metrics)) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            epochs++;
            if (o.has("seconds")) {
                seconds += o.get("seconds").getAsDouble();
            }
        }
        return new TrainingLog(epochs, seconds);
    }
}
