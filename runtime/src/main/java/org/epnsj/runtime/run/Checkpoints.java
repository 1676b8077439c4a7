package org.epnsj.runtime.run;

import ai.djl.ndarray.NDArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.runtime.io.AtomicFiles;
import org.epnsj.runtime.io.CorruptArchiveException;
import org.epnsj.runtime.io.NamedTensor;
import org.epnsj.runtime.io.TensorArchive;
import org.epnsj.runtime.training.AdamOptimizer;
import org.epnsj.runtime.training.Parameters;

/**
 * Checkpoint files: parameters, optimiser moments and step count, epoch, best validation value and
 * the training configuration, in one {@link TensorArchive} written atomically. Random state needs no
 * storage: every draw of epoch e comes from the stream (seed, e), and the seed is in the config.
 */
public final class Checkpoints {

    /** The value of the {@code kind} metadata field. */
    public static final String KIND = "epns-checkpoint";

    private static final String PARAMETER = "param.";
    private static final String OPTIMIZER = "adam.";

    private Checkpoints() {}

    /**
     * What a checkpoint restored besides the arrays.
     *
     * @param epoch the last completed epoch
     * @param bestValidation the best validation value seen up to then
     * @param bestRolloutLength the multi-step rollout length of the best epoch (0 in checkpoints written
     *     before it was recorded)
     * @param config the training configuration stored with it
     */
    public record State(int epoch, double bestValidation, int bestRolloutLength, TrainingConfig config) {}

    /** Writes a checkpoint atomically (temporary file, fsync, rename). */
    public static void save(Path file, TransitionModel model, AdamOptimizer optimizer, TrainingConfig config,
            int epoch, double bestValidation, int bestRolloutLength) throws IOException {
        JsonObject meta = new JsonObject();
        meta.addProperty("kind", KIND);
        meta.addProperty("model", model.name());
        meta.addProperty("dataType", model.dataType().toString());
        meta.addProperty("epoch", epoch);
        // As text: JSON has no Infinity or NaN.
        meta.addProperty("bestValidation", Double.toString(bestValidation));
        meta.addProperty("bestRolloutLength", bestRolloutLength);
        meta.addProperty("optimizerSteps", optimizer == null ? 0 : optimizer.steps());
        meta.add("config", Json.GSON.toJsonTree(config));
        List<NamedTensor> tensors = new ArrayList<>();
        model.parameters().forEach((name, array) -> tensors.add(tensor(PARAMETER + name, array)));
        if (optimizer != null) {
            optimizer.state().forEach((name, array) -> tensors.add(tensor(OPTIMIZER + name, array)));
        }
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        TensorArchive.write(file, meta, tensors);
    }

    private static NamedTensor tensor(String name, NDArray array) {
        return NamedTensor.ofDoubles(name, array.getShape().getShape(), Parameters.values(array));
    }

    /** Copies a checkpoint file atomically (the same epoch saved under a second name). */
    public static void copy(Path source, Path target) throws IOException {
        AtomicFiles.write(target, out -> java.nio.file.Files.copy(source, out));
    }

    /**
     * Restores a model's parameters (and, if given, the optimiser state) in place.
     *
     * @throws IOException naming the file if it is unreadable, truncated, not a checkpoint, or made for
     *     another model (a parameter missing or of another shape)
     */
    public static State load(Path file, TransitionModel model, AdamOptimizer optimizer) throws IOException {
        TensorArchive.Contents contents = TensorArchive.read(file);
        JsonObject meta = contents.metadata();
        if (!meta.has("kind") || !KIND.equals(meta.get("kind").getAsString())) {
            throw new CorruptArchiveException(file, "not a training checkpoint (kind "
                    + (meta.has("kind") ? meta.get("kind") : "missing") + ")");
        }
        String savedModel = meta.get("model").getAsString();
        if (!savedModel.equals(model.name())) {
            throw new CorruptArchiveException(file, "checkpoint of model '" + savedModel + "', not '" + model.name() + "'");
        }
        Map<String, NamedTensor> tensors = contents.tensors();
        for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
            NamedTensor t = tensors.get(PARAMETER + e.getKey());
            long[] shape = e.getValue().getShape().getShape();
            if (t == null) {
                throw new CorruptArchiveException(file, "parameter '" + e.getKey() + "' is missing: the checkpoint "
                        + "was made by a different model configuration");
            }
            if (!Arrays.equals(t.shape(), shape)) {
                throw new CorruptArchiveException(file, "parameter '" + e.getKey() + "' has shape "
                        + Arrays.toString(t.shape()) + " but the model expects " + Arrays.toString(shape));
            }
            Parameters.overwrite(e.getValue(), t.doubles());
        }
        if (optimizer != null) {
            Map<String, double[]> state = new LinkedHashMap<>();
            for (String name : optimizer.state().keySet()) {
                NamedTensor t = tensors.get(OPTIMIZER + name);
                if (t == null) {
                    throw new CorruptArchiveException(file, "optimizer state '" + name + "' is missing");
                }
                state.put(name, t.doubles());
            }
            optimizer.restore(state, meta.get("optimizerSteps").getAsLong());
        }
        TrainingConfig config = Json.GSON.fromJson(meta.get("config"), TrainingConfig.class);
        int bestRollout = meta.has("bestRolloutLength") ? meta.get("bestRolloutLength").getAsInt() : 0;
        return new State(meta.get("epoch").getAsInt(), Double.parseDouble(meta.get("bestValidation").getAsString()),
                bestRollout, config);
    }
}
