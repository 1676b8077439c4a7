package org.epnsj.domain.nbody;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.metric.Range;
import org.epnsj.api.spi.EvaluationContext;
import org.epnsj.runtime.rollout.RolloutDivergedException;

/**
 * How well one model step from a true state matches the true next state, the quantity that decides
 * whether long rollouts keep their energy: from {@link #STARTS} test states spread over the split,
 * {@link #SAMPLES} one-step predictions each. Reports the ratio of the mean predicted kinetic energy
 * to the true one (below 1: the model damps the motion and rollouts lose energy), and the RMS error of
 * the predicted velocities next to the RMS of the true velocity change (how much of the change the
 * model explains). States whose prediction is not finite are counted, not used (all of them: NaN).
 * The velocity error is also given for steps with z from the approximate posterior given the true next
 * state ({@code oneStepVelocityRmsePosterior}): what the decoder makes of a latent that knows the
 * answer, so that an error the prior's draws add can be told from one the decoder makes anyway.
 *
 * <p>The same figures are also given separately for steps with a close encounter and for the others
 * ({@code ...Encounter}, {@code ...Calm}), with the share of encounter steps: a step is an encounter
 * when two bodies come closer than {@link #ENCOUNTER_DISTANCE} (the potential's softening length) in
 * any saved frame within it. In such a step the velocities change most and fastest, within a fraction
 * of the model's step, which is where a model that cannot resolve the encounter loses energy.
 */
final class OneStepAccuracy {

    static final int STARTS = 256;
    static final int SAMPLES = 4;
    /** Pair distance below which a step counts as a close encounter: the softening length of D2. */
    static final double ENCOUNTER_DISTANCE = 0.1;

    private OneStepAccuracy() {}

    /** The metrics {@link #evaluate} reports. */
    static List<Metric> metrics() {
        List<Metric> m = new ArrayList<>();
        m.add(Metric.scalar("oneStepStates", "states", "test states the one-step figures are taken from")
                .range(Range.NON_NEGATIVE));
        m.add(Metric.scalar("oneStepDiverged", "states", "test states whose one-step prediction was not finite")
                .range(Range.NON_NEGATIVE).lowerIsBetter());
        perClass(m, "", "");
        m.add(Metric.scalar("oneStepEncounterDistance", "simulation units", "pair distance below which a step is a "
                + "close encounter").range(Range.NON_NEGATIVE));
        m.add(Metric.scalar("oneStepEncounterFraction", "", "share of the one-step states with a close encounter")
                .range(Range.UNIT_INTERVAL));
        perClass(m, "Encounter", ", steps with a close encounter");
        perClass(m, "Calm", ", steps without a close encounter");
        return m;
    }

    private static void perClass(List<Metric> m, String suffix, String which) {
        m.add(Metric.scalar("oneStepKineticEnergyRatio" + suffix, "", "mean predicted over mean true kinetic energy "
                + "after one model step (1: right; below 1 the model damps the motion)" + which)
                .range(Range.NON_NEGATIVE));
        m.add(Metric.scalar("oneStepVelocityRmse" + suffix, "simulation units", "RMS error of the predicted velocities "
                + "after one model step" + which).range(Range.NON_NEGATIVE).lowerIsBetter());
        m.add(Metric.scalar("oneStepVelocityRmsePosterior" + suffix, "simulation units", "RMS error of the "
                + "predicted velocities after one model step with z from the posterior given the true next state"
                + which).range(Range.NON_NEGATIVE).lowerIsBetter());
        m.add(Metric.scalar("trueVelocityChangeRms" + suffix, "simulation units", "RMS of the true velocity change "
                + "over one model step" + which).range(Range.NON_NEGATIVE));
    }

    /** Sums of one class of steps. */
    private static final class Sums {
        double predictedKinetic;
        double trueKinetic;
        double velocityError;
        double velocityChange;
        long coordinates;
        double posteriorVelocityError;
        long posteriorCoordinates;
        int states;

        void add(Sums o) {
            predictedKinetic += o.predictedKinetic;
            trueKinetic += o.trueKinetic;
            velocityError += o.velocityError;
            velocityChange += o.velocityChange;
            coordinates += o.coordinates;
            posteriorVelocityError += o.posteriorVelocityError;
            posteriorCoordinates += o.posteriorCoordinates;
            states += o.states;
        }

        void put(Map<String, Object> out, String suffix) {
            out.put("oneStepKineticEnergyRatio" + suffix, states == 0 ? Double.NaN : predictedKinetic / trueKinetic);
            out.put("oneStepVelocityRmse" + suffix, states == 0 ? Double.NaN : Math.sqrt(velocityError / coordinates));
            out.put("oneStepVelocityRmsePosterior" + suffix,
                    posteriorCoordinates == 0 ? Double.NaN : Math.sqrt(posteriorVelocityError / posteriorCoordinates));
            out.put("trueVelocityChangeRms" + suffix, states == 0 ? Double.NaN : Math.sqrt(velocityChange / coordinates));
        }
    }

    static void evaluate(EvaluationContext context, List<Trajectory> test, Map<String, Object> out) {
        int stride = context.config().stride();
        Sums encounter = new Sums();
        Sums calm = new Sums();
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
            List<Trajectory> posteriorSteps;
            try {
                predictions = context.rollouts(t, frame, 1, SAMPLES);
                posteriorSteps = context.posteriorSteps(t, frame, SAMPLES);
            } catch (RolloutDivergedException e) {
                diverged++;
                continue;
            }
            Sums s = closestApproach(t, frame, stride) < ENCOUNTER_DISTANCE ? encounter : calm;
            for (Trajectory r : predictions) {
                float[] p = r.frame(1);
                s.predictedKinetic += NBodyDiagnostics.kineticEnergy(NBodyDiagnostics.widen(p));
                s.trueKinetic += kNext;
                s.velocityError += squaredVelocityDifference(p, next);
                s.velocityChange += squaredVelocityDifference(next, now);
                s.coordinates += velocityCoordinates(p);
            }
            for (Trajectory r : posteriorSteps) {
                float[] p = r.frame(1);
                s.posteriorVelocityError += squaredVelocityDifference(p, next);
                s.posteriorCoordinates += velocityCoordinates(p);
            }
            s.states++;
        }
        Sums all = new Sums();
        all.add(encounter);
        all.add(calm);
        out.put("oneStepStates", all.states);
        out.put("oneStepDiverged", diverged);
        all.put(out, "");
        out.put("oneStepEncounterDistance", ENCOUNTER_DISTANCE);
        out.put("oneStepEncounterFraction", all.states == 0 ? Double.NaN : encounter.states / (double) all.states);
        encounter.put(out, "Encounter");
        calm.put(out, "Calm");
    }

    /** The sum of squared differences of the velocity coordinates (channels 4-6) of every body. */
    private static double squaredVelocityDifference(float[] a, float[] b) {
        double sum = 0;
        for (int body = 0; body < velocityCoordinates(a) / 3; body++) {
            for (int c = 4; c < 7; c++) {
                int k = body * NBodyDiagnostics.CHANNELS + c;
                sum += Math.pow(a[k] - b[k], 2);
            }
        }
        return sum;
    }

    private static int velocityCoordinates(float[] frame) {
        return 3 * (frame.length / NBodyDiagnostics.CHANNELS);
    }

    /** The smallest distance between two bodies in the saved frames from {@code frame} to {@code frame + stride}. */
    static double closestApproach(Trajectory t, int frame, int stride) {
        double closest = Double.POSITIVE_INFINITY;
        for (int f = frame; f <= frame + stride && f < t.length(); f++) {
            float[] x = t.frame(f);
            int n = x.length / NBodyDiagnostics.CHANNELS;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double d2 = 0;
                    for (int c = 1; c < 4; c++) {
                        double d = x[i * NBodyDiagnostics.CHANNELS + c] - x[j * NBodyDiagnostics.CHANNELS + c];
                        d2 += d * d;
                    }
                    closest = Math.min(closest, Math.sqrt(d2));
                }
            }
        }
        return closest;
    }
}
