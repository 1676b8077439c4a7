package org.epnsj.runtime.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.math.BigDecimal;
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
import org.epnsj.runtime.io.ErrorText;
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
        if (optimizer != null) {
            JsonArray norms = new JsonArray();
            for (double v : optimizer.recentGradientNorms()) {
                norms.add(v);
            }
            meta.add("recentGradientNorms", norms);
        }
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
     * @throws IOException naming the file if it is unreadable, truncated, not a checkpoint, made for
     *     another model (a parameter missing or of another shape), or has an invalid field or a
     *     non-finite value; the model and optimiser are then left as they were
     */
    public static State load(Path file, TransitionModel model, AdamOptimizer optimizer) throws IOException {
        TensorArchive.Contents contents = TensorArchive.read(file);
        JsonObject meta = contents.metadata();
        String kind = meta.get("kind") instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
        if (!KIND.equals(kind)) {
            throw new CorruptArchiveException(file, "not a training checkpoint (kind "
                    + (meta.has("kind") ? shown(meta.get("kind")) : "missing") + ")");
        }
        String savedModel = text(file, meta, "model");
        if (!savedModel.equals(model.name())) {
            throw new CorruptArchiveException(file, "checkpoint of model '" + ErrorText.shown(savedModel, 60)
                    + "', not '" + model.name() + "'");
        }
        // Every field is checked before any array is touched, so a bad file leaves the model as it was.
        int epoch = Math.toIntExact(count(file, meta, "epoch", false));
        double bestValidation = real(file, meta, "bestValidation");
        int bestRollout = Math.toIntExact(count(file, meta, "bestRolloutLength", true));
        long optimizerSteps = optimizer == null ? 0 : count(file, meta, "optimizerSteps", false);
        double[] recentNorms = optimizer == null ? new double[0] : gradientNorms(file, meta);
        TrainingConfig config;
        try {
            config = Json.GSON.fromJson(meta.get("config"), TrainingConfig.class);
        } catch (RuntimeException e) {
            throw new CorruptArchiveException(file, "its training configuration is invalid: " + Json.reason(e));
        }
        if (config == null) {
            throw new CorruptArchiveException(file, "its training configuration is missing");
        }
        Map<String, NamedTensor> tensors = contents.tensors();
        List<NDArray> targets = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
            targets.add(e.getValue());
            values.add(values(file, tensors.get(PARAMETER + e.getKey()), "parameter '" + e.getKey() + "'",
                    e.getValue(), " was made by a different model configuration (another size or preset);"
                    + " retrain it"));
        }
        Map<String, double[]> state = new LinkedHashMap<>();
        if (optimizer != null) {
            for (Map.Entry<String, NDArray> e : optimizer.state().entrySet()) {
                state.put(e.getKey(), values(file, tensors.get(OPTIMIZER + e.getKey()),
                        "optimizer state '" + e.getKey() + "'", e.getValue(), ""));
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            Parameters.overwrite(targets.get(i), values.get(i));
        }
        if (optimizer != null) {
            optimizer.restore(state, optimizerSteps, recentNorms);
        }
        return new State(epoch, bestValidation, bestRollout, config);
    }

    /** The optional {@code recentGradientNorms}: at most the clipping window of finite numbers >= 0. */
    private static double[] gradientNorms(Path file, JsonObject meta) throws CorruptArchiveException {
        JsonElement e = meta.get("recentGradientNorms");
        if (e == null) {
            return new double[0];
        }
        String problem = "metadata field 'recentGradientNorms' must be a list of at most " + AdamOptimizer.CLIP_WINDOW
                + " finite numbers >= 0, got ";
        if (!(e instanceof JsonArray array) || array.size() > AdamOptimizer.CLIP_WINDOW) {
            throw new CorruptArchiveException(file, problem + shown(e));
        }
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            if (!(array.get(i) instanceof JsonPrimitive p && p.isNumber())
                    || !(p.getAsDouble() >= 0 && p.getAsDouble() < Double.POSITIVE_INFINITY)) {
                throw new CorruptArchiveException(file, problem + shown(e));
            }
            v[i] = array.get(i).getAsDouble();
        }
        return v;
    }

    /** The values of a stored array of the target's shape, all finite in the target's dtype. */
    private static double[] values(Path file, NamedTensor t, String what, NDArray target, String mismatch)
            throws CorruptArchiveException {
        long[] shape = target.getShape().getShape();
        double limit = target.getDataType() == DataType.FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE;
        if (t == null) {
            throw new CorruptArchiveException(file, what + " is missing" + (mismatch.isEmpty() ? ""
                    : ": the checkpoint" + mismatch));
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new CorruptArchiveException(file, what + " has shape " + Arrays.toString(t.shape())
                    + " but the model expects " + Arrays.toString(shape)
                    + (mismatch.isEmpty() ? "" : ": the checkpoint" + mismatch));
        }
        double[] v = t.doubles();
        for (int i = 0; i < v.length; i++) {
            if (!(Math.abs(v[i]) <= limit)) {
                throw new CorruptArchiveException(file, what + " holds the value " + v[i] + " at flat index " + i
                        + (Double.isFinite(v[i]) ? ", which overflows " + target.getDataType() : ""));
            }
        }
        return v;
    }

    private static String text(Path file, JsonObject meta, String key) throws CorruptArchiveException {
        if (meta.get(key) instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        throw new CorruptArchiveException(file, "metadata field '" + key + "' must be a string, got "
                + shown(meta.get(key)));
    }

    /** A whole number >= 0 that fits an int (a long for the optimizer's steps); absent reads as 0 if allowed. */
    private static long count(Path file, JsonObject meta, String key, boolean mayBeAbsent)
            throws CorruptArchiveException {
        JsonElement e = meta.get(key);
        if (e == null && mayBeAbsent) {
            return 0;
        }
        if (e instanceof JsonPrimitive p && p.isNumber()) {
            try {
                long v = new BigDecimal(p.getAsString()).longValueExact();
                if (v >= 0 && (v <= Integer.MAX_VALUE || key.equals("optimizerSteps"))) {
                    return v;
                }
            } catch (ArithmeticException | NumberFormatException ignored) {
                // reported below
            }
        }
        throw new CorruptArchiveException(file, "metadata field '" + key + "' must be a whole number >= 0, got "
                + shown(e));
    }

    /** A number stored as text (JSON has no Infinity): any double, including Infinity before a first best. */
    private static double real(Path file, JsonObject meta, String key) throws CorruptArchiveException {
        if (meta.get(key) instanceof JsonPrimitive p && (p.isString() || p.isNumber())) {
            try {
                return Double.parseDouble(p.getAsString());
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new CorruptArchiveException(file, "metadata field '" + key + "' must be a number, got "
                + shown(meta.get(key)));
    }

    /** A JSON value for a one-line message, cut short. */
    private static String shown(JsonElement e) {
        return ErrorText.shown(e, 60);
    }
}
