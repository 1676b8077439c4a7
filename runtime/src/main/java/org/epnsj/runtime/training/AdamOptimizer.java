package org.epnsj.runtime.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.epnsj.api.training.AdamSettings;
import org.epnsj.runtime.ops.Ops;

/**
 * Adam with coupled L2 weight decay, as {@code torch.optim.Adam}: the decay is added to the gradient
 * before the moment updates. Written here rather than taken from DJL so that its state (moments and
 * step count) can be checkpointed and restored exactly, and so both engines update identically.
 *
 * <p>With {@link AdamSettings#clipsGradients()} a gradient whose norm exceeds the clip factor times the
 * median of the last {@value #CLIP_WINDOW} steps' norms is scaled down to that limit; the first
 * {@value #CLIP_WARMUP} steps of a run set the median and are not clipped. The recent norms are part of
 * the state, so a resumed run clips as the uninterrupted one would.
 */
public final class AdamOptimizer implements AutoCloseable {

    /** Steps whose gradient norms set the clipping limit. */
    public static final int CLIP_WINDOW = 128;
    /** Steps recorded before clipping starts. */
    public static final int CLIP_WARMUP = 16;

    private final Map<String, NDArray> parameters;
    private final AdamSettings settings;
    private final NDManager stateManager;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private final ArrayDeque<Double> recentNorms = new ArrayDeque<>();
    private long steps;
    private double learningRate;

    /**
     * Creates the optimizer with zero moments.
     *
     * @param parameters the arrays to update in place
     * @param settings learning rate, decay, betas, epsilon
     */
    public AdamOptimizer(Map<String, NDArray> parameters, AdamSettings settings) {
        this.parameters = parameters;
        this.settings = settings;
        this.learningRate = settings.learningRate();
        NDArray any = parameters.values().iterator().next();
        this.stateManager = any.getManager().newSubManager();
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            firstMoments.put(e.getKey(), stateManager.zeros(e.getValue().getShape(), e.getValue().getDataType()));
            secondMoments.put(e.getKey(), stateManager.zeros(e.getValue().getShape(), e.getValue().getDataType()));
        }
    }

    /** The number of steps taken so far. */
    public long steps() {
        return steps;
    }

    /** Sets the step size for the following steps (learning-rate schedules). */
    public void setLearningRate(double lr) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
        }
        this.learningRate = lr;
    }

    /** The settings. */
    public AdamSettings settings() {
        return settings;
    }

    /**
     * Updates every parameter in place from its gradient.
     *
     * @param gradients by parameter name; a missing entry counts as a zero gradient
     * @param gradientNorm the global L2 norm of {@code gradients} (finite), which sets the clipping
     * @return whether the gradient was clipped
     */
    public boolean step(Map<String, NDArray> gradients, double gradientNorm) {
        if (!(gradientNorm >= 0 && gradientNorm < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the gradient norm must be finite and >= 0, got " + gradientNorm);
        }
        double limit = clipLimit();
        double scale = gradientNorm > limit ? limit / gradientNorm : 1;
        if (settings.clipsGradients()) {
            recentNorms.addLast(gradientNorm);
            if (recentNorms.size() > CLIP_WINDOW) {
                recentNorms.removeFirst();
            }
        }
        steps++;
        double b1 = settings.beta1();
        double b2 = settings.beta2();
        double correction1 = 1 - Math.pow(b1, steps);
        double correction2 = 1 - Math.pow(b2, steps);
        double stepSize = learningRate / correction1;
        double sqrtCorrection2 = Math.sqrt(correction2);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                NDArray p = e.getValue();
                NDArray g = gradients.get(e.getKey());
                g = g == null ? p.zerosLike() : g;
                if (scale != 1) {
                    g = Ops.mul(g, scale);
                }
                if (settings.weightDecay() != 0) {
                    g = g.add(Ops.mul(p, settings.weightDecay()));
                }
                NDArray m = firstMoments.get(e.getKey());
                NDArray v = secondMoments.get(e.getKey());
                m.muli(b1).addi(Ops.mul(g, 1 - b1));
                v.muli(b2).addi(Ops.mul(g.square(), 1 - b2));
                NDArray denominator = Ops.div(v.sqrt(), sqrtCorrection2).add(settings.epsilon());
                p.subi(Ops.mul(m.div(denominator), stepSize));
            }
        }
        return scale != 1;
    }

    /** The norm above which the next gradient is clipped (infinite while clipping is off or warming up). */
    public double clipLimit() {
        if (!settings.clipsGradients() || recentNorms.size() < CLIP_WARMUP) {
            return Double.POSITIVE_INFINITY;
        }
        return settings.gradientClipFactor() * TrainingHealth.median(recentGradientNorms());
    }

    /** The gradient norms of the last steps, oldest first, that set the clipping limit (for checkpoints). */
    public double[] recentGradientNorms() {
        return recentNorms.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The moments by name, for checkpoints: {@code m.<name>} and {@code v.<name>}. */
    public Map<String, NDArray> state() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        firstMoments.forEach((k, v) -> out.put("m." + k, v));
        secondMoments.forEach((k, v) -> out.put("v." + k, v));
        return out;
    }

    /**
     * Restores moments, the step count and the recent gradient norms saved with {@link #state()} and
     * {@link #recentGradientNorms()} (empty for a checkpoint written before they were kept).
     */
    public void restore(Map<String, double[]> state, long stepCount, double[] gradientNorms) {
        if (gradientNorms.length > CLIP_WINDOW
                || Arrays.stream(gradientNorms).anyMatch(v -> !(v >= 0 && v < Double.POSITIVE_INFINITY))) {
            throw new IllegalArgumentException("recent gradient norms must be at most " + CLIP_WINDOW
                    + " finite values >= 0");
        }
        for (Map.Entry<String, NDArray> e : state().entrySet()) {
            double[] values = state.get(e.getKey());
            if (values == null || values.length != e.getValue().getShape().size()) {
                throw new IllegalArgumentException("optimizer state '" + e.getKey() + "' missing or of the wrong size");
            }
            Parameters.overwrite(e.getValue(), values);
        }
        this.steps = stepCount;
        recentNorms.clear();
        Arrays.stream(gradientNorms).forEach(recentNorms::addLast);
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
