import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import com.google.inject.Guice;
import java.nio.file.*;
import java.util.*;
import org.epnsj.api.model.*;
import org.epnsj.runtime.app.*;
import org.epnsj.runtime.engine.*;
import org.epnsj.runtime.io.*;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.plugin.EpnsModule;

/**
 * One model step from test states: per cell, the volume now, the expected volume under the predicted
 * per-pixel distribution (sum of the id's probabilities), the argmax readout's volume and the data's
 * next volume. Args: run folder, data folder, states per trajectory (every 5th frame from 0), seed.
 */
public class VolumeBias {
    public static void main(String[] a) throws Exception {
        Engines.configureOffline();
        EpnsRuntime runtime = Guice.createInjector(new EpnsModule()).getInstance(EpnsRuntime.class);
        Path data = Path.of(a[1]).resolve("test");
        int per = Integer.parseInt(a[2]);
        try (LoadedRun run = runtime.load(Path.of(a[0]), "best")) {
            TransitionModel model = run.model();
            NDManager m = run.manager();
            double[] sum = new double[4]; double[] sumAbs = new double[4]; long cells = 0;
            List<Path> files; try (var s = Files.list(data)) { files = s.sorted().toList(); }
            for (Path f : files) {
                NpyArray n = Npy.read(f); long[] s = n.shape(); long[] v = n.toLongArray();
                int L = (int) s[1]; int frame = L * L * 2;
                for (int k = 0; k < per; k++) {
                    int t = 1 + 5 * k; // the file's first frame is dropped
                    float[] now = new float[frame]; float[] next = new float[frame];
                    for (int i = 0; i < frame; i++) { now[i] = v[t * frame + i]; next[i] = v[(t + 1) * frame + i]; }
                    try (NDManager sub = m.newSubManager()) {
                        NDArray state = HostArrays.of(sub, now, new Shape(1, L, L, 2));
                        NDList h = model.forwardModel().forward(state, false);
                        Distribution prior = model.prior().prior(h, false);
                        NDArray z = prior.sample(SeededNoise.forStream(Long.parseLong(a[3]), t, f.hashCode()));
                        Distribution pred = model.decoder().decode(h, z, false);
                        var field = pred.getClass().getDeclaredField("logits"); field.setAccessible(true);
                        NDArray logits = (NDArray) field.get(pred); // (1, N, L, L)
                        NDArray probs = logits.softmax(1);
                        float[] expected = probs.sum(new int[] {2, 3}).toFloatArray();
                        float[] near = probs.mul(probs.gte(0.01f).toType(probs.getDataType(), false)).sum(new int[] {2, 3}).toFloatArray();
                        float[] mode = model.readout(state, pred, Readout.MODE, null).toFloatArray();
                        int nodes = expected.length;
                        int[] v0 = new int[nodes], vm = new int[nodes], v1 = new int[nodes];
                        for (int p = 0; p < L * L; p++) { v0[(int) now[2 * p]]++; vm[(int) mode[2 * p]]++; v1[(int) next[2 * p]]++; }
                        for (int c = 1; c < nodes; c++) {
                            if (v0[c] == 0) continue;
                            double[] d = {expected[c] - v0[c], vm[c] - v0[c], v1[c] - v0[c], near[c] - v0[c]};
                            for (int q = 0; q < 4; q++) { sum[q] += d[q]; sumAbs[q] += Math.abs(d[q]); }
                            cells++;
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "expected over sites where the id has probability >= 0.01: %.3f (mean |change| %.3f)%n", sum[3] / cells, sumAbs[3] / cells);
            System.out.printf(Locale.ROOT, "%d cells: mean volume change in one step: expected under the prediction %.3f, argmax readout %.3f, data %.3f; mean |change| %.3f / %.3f / %.3f%n",
                    cells, sum[0] / cells, sum[1] / cells, sum[2] / cells, sumAbs[0] / cells, sumAbs[1] / cells, sumAbs[2] / cells);
        }
    }
}
