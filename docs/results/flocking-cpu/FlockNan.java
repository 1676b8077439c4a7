import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.Readout;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.app.LoadedRun;
import org.epnsj.runtime.io.DatasetFolder;
import org.epnsj.runtime.noise.SeededNoise;
import org.epnsj.runtime.rollout.RolloutSampler;

/**
 * 100 rollouts of a flocking run from the shared start, sampled readout unless a third argument names
 * another (MEAN): per step, the smallest speed and distance and the largest |value|. args: run, data[, readout]
 */
public class FlockNan {
    public static void main(String[] a) throws Exception {
        EpnsRuntime runtime = com.google.inject.Guice.createInjector(new org.epnsj.runtime.plugin.EpnsModule()).getInstance(EpnsRuntime.class);
        try (LoadedRun run = runtime.load(Path.of(a[0]), "best")) {
            Trajectory start = DatasetFolder.open(Path.of(a[1]), run.domain().codec()).read("test_same_init").get(0);
            NDArray init = org.epnsj.runtime.engine.HostArrays.of(run.manager(), start.frame(0), new ai.djl.ndarray.types.Shape(16, 4)).reshape(1, 16, 4).repeat(0, 100);
            RolloutSampler s = new RolloutSampler(run.model(), a.length > 2 ? Readout.valueOf(a[2]) : Readout.SAMPLE);
            try {
                s.rollout(init, 20, new SeededNoise(1), (step, states) -> {
                    float[] v = states.toFloatArray();
                    int b = (int) states.getShape().get(0), n = 16;
                    double minSpeed = 1e9, minDist = 1e9, maxAbs = 0; int bad = 0;
                    for (int i = 0; i < b; i++) for (int p = 0; p < n; p++) {
                        int k = (i * n + p) * 4;
                        minSpeed = Math.min(minSpeed, Math.hypot(v[k + 2], v[k + 3]));
                        for (int c = 0; c < 4; c++) { maxAbs = Math.max(maxAbs, Math.abs(v[k + c])); if (!Float.isFinite(v[k + c])) bad++; }
                        for (int q = p + 1; q < n; q++) { int l = (i * n + q) * 4; minDist = Math.min(minDist, Math.hypot(v[k] - v[l], v[k + 1] - v[l + 1])); }
                    }
                    System.out.printf("step %d: min speed %.3g, min distance %.3g, max |value| %.3g, non-finite %d%n", step, minSpeed, minDist, maxAbs, bad);
                });
            } catch (RuntimeException e) { System.out.println(e); }
        }
    }
}
