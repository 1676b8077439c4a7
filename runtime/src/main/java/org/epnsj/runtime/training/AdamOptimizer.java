package org.epnsj.runtime.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.Map;
import org.epnsj.api.training.AdamSettings;

/**
 * Adam with coupled L2 weight decay, as {@code torch.optim.Adam}: the decay is added to the gradient
 * before the moment updates. Written here rather than taken from DJL so that its state (moments and
 * step count) can be checkpointed and restored exactly, and so both engines update identically.
 */
public final class AdamOptimizer implements AutoCloseable {

    private final Map<String, NDArray> parameters;
    private final AdamSettings settings;
    private final NDManager stateManager;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
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
     */
    public void step(Map<String, NDArray> gradients) {
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
                if (settings.weightDecay() != 0) {
                    g = g.add(p.mul(settings.weightDecay()));
                }
                NDArray m = firstMoments.get(e.getKey());
                NDArray v = secondMoments.get(e.getKey());
                m.muli(b1).addi(g.mul(1 - b1));
                v.muli(b2).addi(g.square().mul(1 - b2));
                NDArray denominator = v.sqrt().div(sqrtCorrection2).add(settings.epsilon());
                p.subi(m.div(denominator).mul(stepSize));
            }
        }
    }

    /** The moments by name, for checkpoints: {@code m.<name>} and {@code v.<name>}. */
    public Map<String, NDArray> state() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        firstMoments.forEach((k, v) -> out.put("m." + k, v));
        secondMoments.forEach((k, v) -> out.put("v." + k, v));
        return out;
    }

    /** Restores moments and the step count saved with {@link #state()}. */
    public void restore(Map<String, double[]> state, long stepCount) {
        for (Map.Entry<String, NDArray> e : state().entrySet()) {
            double[] values = state.get(e.getKey());
            if (values == null || values.length != e.getValue().getShape().size()) {
                throw new IllegalArgumentException("optimizer state '" + e.getKey() + "' missing or of the wrong size");
            }
            Parameters.overwrite(e.getValue(), values);
        }
        this.steps = stepCount;
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
