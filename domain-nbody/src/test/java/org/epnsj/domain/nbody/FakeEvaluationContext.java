package org.epnsj.domain.nbody;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.Readout;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.EvaluationContext;
import org.epnsj.api.training.AdamSettings;
import org.epnsj.api.training.KlAnnealing;
import org.epnsj.api.training.MultiStepSchedule;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.api.training.TrainingStrategy;

/** An evaluation context over fixed splits whose "model" is a rollout function; stride 10 as for n-body. */
final class FakeEvaluationContext implements EvaluationContext {

    static final int STRIDE = 10;

    /** The rollout contract of {@link EvaluationContext#rollouts}. */
    interface Rollouts {
        List<Trajectory> sample(Trajectory start, int startFrame, int steps, int samples);
    }

    private final Map<String, List<Trajectory>> splits;
    private final Rollouts rollouts;
    private final double negativeElbo;

    FakeEvaluationContext(Map<String, List<Trajectory>> splits, Rollouts rollouts, double negativeElbo) {
        this.splits = splits;
        this.rollouts = rollouts;
        this.negativeElbo = negativeElbo;
    }

    static RandomGenerator rng(long seed) {
        return RandomGeneratorFactory.of("L64X256MixRandom").create(seed);
    }

    /**
     * Rollouts drawn from the ground-truth simulator itself, {@code STRIDE} frames per model step,
     * with every velocity of the returned frames (not the simulated state) multiplied by
     * {@code velocityScale}: 1 is a perfect model, anything else a wrong one.
     */
    static Rollouts simulator(StochasticNBodySimulator sim, double velocityScale, long seed) {
        long[] calls = {0};
        return (start, startFrame, steps, samples) -> {
            RandomGenerator rng = rng(seed + calls[0]++);
            int integratorSteps = sim.config().stepsPerFrame() * STRIDE;
            int size = start.frameSize();
            List<Trajectory> out = new ArrayList<>(samples);
            for (int i = 0; i < samples; i++) {
                double[] state = NBodyDiagnostics.widen(start.frame(startFrame));
                float[] data = new float[(steps + 1) * size];
                start.copyFrame(startFrame, data, 0);
                for (int s = 1; s <= steps; s++) {
                    sim.advance(state, integratorSteps, rng);
                    for (int k = 0; k < size; k++) {
                        boolean velocity = k % NBodyDiagnostics.CHANNELS >= 4;
                        data[s * size + k] = (float) (velocity ? velocityScale * state[k] : state[k]);
                    }
                }
                out.add(new FloatTrajectory(start.frameShape(), steps + 1, data));
            }
            return out;
        };
    }

    @Override
    public TransitionModel model() {
        // Rollouts come from the simulator: there is no neural model to report on.
        return null;
    }

    @Override
    public TrainingConfig config() {
        return new TrainingConfig(1, 8, 1, STRIDE, new AdamSettings(1e-3, 0, 0.9, 0.999, 1e-8),
                KlAnnealing.constant(1), 0, TrainingStrategy.ONE_STEP, MultiStepSchedule.PAPER, Readout.MEAN,
                Readout.MEAN, 1);
    }

    @Override
    public List<Trajectory> split(String name) {
        return splits.getOrDefault(name, List.of());
    }

    @Override
    public List<Trajectory> rollouts(Trajectory start, int startFrame, int steps, int samples) {
        return rollouts.sample(start, startFrame, steps, samples);
    }

    /** The true next frame: a latent that knows the answer and a decoder that uses it. */
    @Override
    public List<Trajectory> posteriorSteps(Trajectory trajectory, int startFrame, int samples) {
        List<Trajectory> out = new ArrayList<>(samples);
        for (int i = 0; i < samples; i++) {
            float[] data = new float[2 * trajectory.frameSize()];
            trajectory.copyFrame(startFrame, data, 0);
            trajectory.copyFrame(startFrame + STRIDE, data, trajectory.frameSize());
            out.add(new FloatTrajectory(trajectory.frameShape(), 2, data));
        }
        return out;
    }

    @Override
    public double negativeElbo(String split) {
        return split(split).isEmpty() ? Double.NaN : negativeElbo;
    }
}
