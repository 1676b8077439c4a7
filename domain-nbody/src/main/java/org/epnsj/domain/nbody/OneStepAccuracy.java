package org.epnsj.domain.nbody;

import java.util.List;
import java.util.Map;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.spi.EvaluationContext;
import org.epnsj.runtime.rollout.RolloutDivergedException;

/**
 * How well one model step from a true state matches the true next state, the quantity that decides
 * whether long rollouts keep their energy: from {@link #STARTS} test states spread over the split,
 * {@link #SAMPLES} one-step predictions each. Reports the ratio of the mean predicted kinetic energy
 * to the true one (below 1: the model damps the motion and rollouts lose energy), and the RMS error of
 * the predicted velocities next to the RMS of the true velocity change (how much of the change the
 * model explains). States whose prediction is not finite are counted, not used (all of them: NaN).
 */
final class OneStepAccuracy {

    static final int STARTS = 64;
    static final int SAMPLES = 4;

    private OneStepAccuracy() {}

    static void evaluate(EvaluationContext context, List<Trajectory> test, Map<String, Object> out) {
        int stride = context.config().stride();
        double predictedKinetic = 0;
        double trueKinetic = 0;
        double velocityError = 0;
        double velocityChange = 0;
        long coordinates = 0;
        int starts = 0;
        int diverged = 0;
        for (int i = 0; i < STARTS; i++) {
            Trajectory t = test.get(i % test.size());
            int usable = t.length() - stride;
            if (usable < 1) {
                continue;
            }
            int frame = (int) (i * 104729L % usable);
            float[] now = t.frame(frame);
            float[] next = t.frame(frame + stride);
            double kNext = NBodyDiagnostics.kineticEnergy(NBodyDiagnostics.widen(next));
            List<Trajectory> predictions;
            try {
                predictions = context.rollouts(t, frame, 1, SAMPLES);
            } catch (RolloutDivergedException e) {
                diverged++;
                continue;
            }
            for (Trajectory r : predictions) {
                float[] p = r.frame(1);
                predictedKinetic += NBodyDiagnostics.kineticEnergy(NBodyDiagnostics.widen(p));
                trueKinetic += kNext;
                for (int b = 0; b < p.length / NBodyDiagnostics.CHANNELS; b++) {
                    for (int c = 4; c < 7; c++) {
                        int k = b * NBodyDiagnostics.CHANNELS + c;
                        velocityError += Math.pow(p[k] - next[k], 2);
                        velocityChange += Math.pow(next[k] - now[k], 2);
                        coordinates++;
                    }
                }
            }
            starts++;
        }
        out.put("oneStepStates", starts);
        out.put("oneStepDiverged", diverged);
        out.put("oneStepKineticEnergyRatio", predictedKinetic / trueKinetic);
        out.put("oneStepVelocityRmse", Math.sqrt(velocityError / coordinates));
        out.put("trueVelocityChangeRms", Math.sqrt(velocityChange / coordinates));
    }
}
