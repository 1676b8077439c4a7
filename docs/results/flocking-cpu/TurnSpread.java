import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Random;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.model.Readout;
import org.epnsj.domain.flocking.FlockingConfig;
import org.epnsj.domain.flocking.FlockingSimulator;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.app.LoadedRun;
import org.epnsj.runtime.io.DatasetFolder;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.rollout.RolloutSampler;

/**
 * From one state of a test trajectory, the spread of each particle's heading change over one model
 * step (5 frames) across draws: the simulator's, and a run's under the mean and the sampled readout.
 * Every trajectory of the test split in turn. args: data, frame, draws, run...
 */
public class TurnSpread {
    static final int N = 16;

    /** Per particle, mean and standard deviation over draws of the heading change; printed as averages over particles. */
    static String spread(float[] start, float[][] next) {
        double sumSd = 0, sumAbsMean = 0, sumSpeed = 0;
        for (int p = 0; p < N; p++) {
            double h0 = Math.atan2(start[p * 4 + 3], start[p * 4 + 2]);
            double s = 0, ss = 0;
            for (float[] x : next) {
                double d = Math.atan2(x[p * 4 + 3], x[p * 4 + 2]) - h0;
                d = Math.atan2(Math.sin(d), Math.cos(d));
                s += d; ss += d * d;
                sumSpeed += Math.hypot(x[p * 4 + 2], x[p * 4 + 3]);
            }
            double m = s / next.length;
            sumSd += Math.sqrt(Math.max(0, ss / next.length - m * m));
            sumAbsMean += Math.abs(m);
        }
        return String.format("heading change: sd over draws %.3f rad, |mean| %.3f rad; speed %.3f",
                sumSd / N, sumAbsMean / N, sumSpeed / N / next.length);
    }

    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]);
        int frame = Integer.parseInt(a[1]);
        int draws = Integer.parseInt(a[2]);
        EpnsRuntime runtime = com.google.inject.Guice.createInjector(new org.epnsj.runtime.plugin.EpnsModule()).getInstance(EpnsRuntime.class);
        boolean truthDone = false;
        for (int r = 3; r < a.length; r++) {
            try (LoadedRun run = runtime.load(Path.of(a[r]), "best")) {
                for (Trajectory traj : DatasetFolder.open(data, run.domain().codec()).read("test")) {
                float[] start = traj.frame(frame);
                if (!truthDone) {
                    FlockingSimulator sim = new FlockingSimulator(FlockingConfig.standard(N));
                    double[] s = new double[start.length];
                    for (int i = 0; i < s.length; i++) s[i] = start[i];
                    float[][] next = new float[draws][];
                    Random rng = new Random(7);
                    for (int d = 0; d < draws; d++) {
                        FloatTrajectory t = sim.simulate(new DoubleTensor(new long[] {N, 4}, s), 6, rng);
                        next[d] = t.frame(5);
                    }
                    System.out.println("truth            " + spread(start, next) + "; polarisation of the start " + String.format("%.3f", polarisation(start)));
                }
                for (Readout readout : new Readout[] {Readout.MEAN, Readout.SAMPLE}) {
                    NDArray init = org.epnsj.runtime.engine.HostArrays.of(run.manager(), start, new Shape(N, 4)).reshape(1, N, 4).repeat(0, draws);
                    float[][] next = new float[draws][];
                    new RolloutSampler(run.model(), readout).rollout(init, 1, new SeededNoise(1), (step, states) -> {
                        if (step == 1) {
                            float[] v = states.toFloatArray();
                            for (int d = 0; d < draws; d++) {
                                next[d] = java.util.Arrays.copyOfRange(v, d * N * 4, (d + 1) * N * 4);
                            }
                        }
                    });
                    System.out.printf("%-8s %-7s %s%n", run.model().name(), readout, spread(start, next));
                }
                }
                truthDone = true;
            }
        }
    }

    static double polarisation(float[] s) {
        double x = 0, y = 0;
        for (int p = 0; p < N; p++) {
            double n = Math.hypot(s[p * 4 + 2], s[p * 4 + 3]);
            x += s[p * 4 + 2] / n; y += s[p * 4 + 3] / n;
        }
        return Math.hypot(x, y) / N;
    }
}
