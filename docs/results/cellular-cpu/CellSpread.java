import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.epnsj.api.data.GroundTruthSimulator;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.model.Readout;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.app.LoadedRun;
import org.epnsj.runtime.io.DatasetFolder;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.rollout.RolloutSampler;

/**
 * From one state of each of the first test trajectories, the spread of each cell's centre
 * displacement over one model step across draws: the Cellular Potts simulator's, and a run's under
 * its argmax readout. args: data, frame, draws, trajectories, run...
 */
public class CellSpread {
    static int L;

    /** Periodic centre (row, col) per cell id 0..cells; NaN for an absent id. */
    static double[][] centres(float[] f, int cells) {
        double[][] s = new double[cells + 1][5];
        for (int r = 0; r < L; r++) {
            for (int c = 0; c < L; c++) {
                int id = Math.round(f[(r * L + c) * 2]);
                if (id < 0 || id > cells) continue;
                double a = 2 * Math.PI * r / L, b = 2 * Math.PI * c / L;
                s[id][0] += Math.cos(a); s[id][1] += Math.sin(a); s[id][2] += Math.cos(b); s[id][3] += Math.sin(b); s[id][4]++;
            }
        }
        double[][] out = new double[cells + 1][];
        for (int i = 1; i <= cells; i++) {
            if (s[i][4] == 0) { out[i] = null; continue; }
            out[i] = new double[] {Math.atan2(s[i][1], s[i][0]) * L / (2 * Math.PI), Math.atan2(s[i][3], s[i][2]) * L / (2 * Math.PI)};
        }
        return out;
    }

    static double wrap(double d) { return d - L * Math.rint(d / L); }

    /** Mean over cells of the spread (rms about the mean) and of |mean| of the displacement over draws. */
    static String spread(float[] start, float[][] next, int cells) {
        double[][] c0 = centres(start, cells);
        double sumSpread = 0, sumMean = 0; int counted = 0, lost = 0;
        for (int i = 1; i <= cells; i++) {
            if (c0[i] == null) continue;
            double mx = 0, my = 0, sxx = 0; int n = 0;
            for (float[] f : next) {
                double[] c = centres(f, cells)[i];
                if (c == null) { lost++; continue; }
                double dx = wrap(c[0] - c0[i][0]), dy = wrap(c[1] - c0[i][1]);
                mx += dx; my += dy; sxx += dx * dx + dy * dy; n++;
            }
            if (n < 2) continue;
            mx /= n; my /= n;
            sumSpread += Math.sqrt(Math.max(0, sxx / n - mx * mx - my * my));
            sumMean += Math.hypot(mx, my);
            counted++;
        }
        return String.format("centre displacement: spread over draws %.3f px, |mean| %.3f px (%d cells, %d cell-draws lost)",
                sumSpread / counted, sumMean / counted, counted, lost);
    }

    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]);
        int frame = Integer.parseInt(a[1]);
        int draws = Integer.parseInt(a[2]);
        int trajectories = Integer.parseInt(a[3]);
        EpnsRuntime runtime = com.google.inject.Guice.createInjector(new org.epnsj.runtime.plugin.EpnsModule()).getInstance(EpnsRuntime.class);
        boolean truthDone = false;
        for (int r = 4; r < a.length; r++) {
            try (LoadedRun run = runtime.load(Path.of(a[r]), "best")) {
                List<Trajectory> test = DatasetFolder.open(data, run.domain().codec()).read("test");
                GroundTruthSimulator sim = run.domain().simulator(run.config().preset());
                int stride = run.config().training().stride();
                for (int k = 0; k < trajectories; k++) {
                    float[] start = test.get(k).frame(frame);
                    L = (int) Math.round(Math.sqrt(start.length / 2.0));
                    int cells = 0;
                    for (int s = 0; s < start.length; s += 2) cells = Math.max(cells, Math.round(start[s]));
                    if (!truthDone) {
                        double[] d = new double[start.length];
                        for (int i = 0; i < d.length; i++) d[i] = start[i];
                        float[][] next = new float[draws][];
                        SplittableRandom rng = new SplittableRandom(7 + k);
                        for (int j = 0; j < draws; j++) {
                            next[j] = sim.simulate(new DoubleTensor(new long[] {L, L, 2}, d), stride + 1, rng).frame(stride);
                        }
                        System.out.println("truth    traj " + k + " " + spread(start, next, cells));
                    }
                    NDArray init = org.epnsj.runtime.engine.HostArrays.of(run.manager(), start, new Shape(L, L, 2))
                            .reshape(1, L, L, 2).repeat(0, draws);
                    float[][] next = new float[draws][];
                    final int size = L * L * 2;
                    new RolloutSampler(run.model(), Readout.MODE).rollout(init, 1, new SeededNoise(1), (step, states) -> {
                        if (step == 1) {
                            float[] v = states.toFloatArray();
                            for (int j = 0; j < draws; j++) next[j] = Arrays.copyOfRange(v, j * size, (j + 1) * size);
                        }
                    });
                    System.out.println(String.format("%-8s traj %d ", run.model().name(), k) + spread(start, next, cells));
                }
                truthDone = true;
            }
        }
    }
}
