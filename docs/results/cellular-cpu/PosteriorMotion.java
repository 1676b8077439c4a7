import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.Readout;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.app.LoadedRun;
import org.epnsj.runtime.io.DatasetFolder;
import org.epnsj.runtime.noise.SeededNoise;

/**
 * Does the latent carry the motion? On test transitions, the argmax next state decoded from the
 * posterior mean (the latent that saw the target), from the prior mean, and from a prior sample:
 * the fraction of sites that changed which each gets right (motion accuracy). args: data,
 * trajectories, run...
 */
public class PosteriorMotion {
    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]);
        int trajectories = Integer.parseInt(a[1]);
        EpnsRuntime runtime = com.google.inject.Guice.createInjector(new org.epnsj.runtime.plugin.EpnsModule())
                .getInstance(EpnsRuntime.class);
        for (int r = 2; r < a.length; r++) {
            try (LoadedRun run = runtime.load(Path.of(a[r]), "best")) {
                TransitionModel model = run.model();
                List<Trajectory> test = DatasetFolder.open(data, run.domain().codec()).read("test");
                long[] changed = new long[1];
                long[] right = new long[3];
                for (int k = 0; k < trajectories; k++) {
                    for (int f = 1; f + 1 < test.get(k).length(); f += 4) {
                        float[] x = test.get(k).frame(f);
                        float[] y = test.get(k).frame(f + 1);
                        int l = (int) Math.round(Math.sqrt(x.length / 2.0));
                        try (NDManager m = run.manager().newSubManager()) {
                            NDArray xa = org.epnsj.runtime.engine.HostArrays.of(m, x, new Shape(1, l, l, 2))
                                    .toType(model.dataType(), false);
                            NDArray ya = org.epnsj.runtime.engine.HostArrays.of(m, y, new Shape(1, l, l, 2))
                                    .toType(model.dataType(), false);
                            NDList h = model.forwardModel().forward(xa, false);
                            NDArray zPost = model.posterior().posterior(h, ya, false).mean();
                            Distribution prior = model.prior().prior(h, false);
                            NDArray[] zs = {zPost, prior.mean(), prior.sample(new SeededNoise(k * 100 + f))};
                            float[][] next = new float[3][];
                            for (int i = 0; i < 3; i++) {
                                next[i] = model.readout(xa, model.decoder().decode(h, zs[i], false), Readout.MODE,
                                        new SeededNoise(1)).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                                        .toFloatArray();
                            }
                            for (int s = 0; s < x.length; s += 2) {
                                if (Math.round(x[s]) != Math.round(y[s])) {
                                    changed[0]++;
                                    for (int i = 0; i < 3; i++) {
                                        if (Math.round(next[i][s]) == Math.round(y[s])) {
                                            right[i]++;
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                System.out.printf("%-14s motion accuracy from the posterior mean %.3f, prior mean %.3f, prior sample %.3f (%d changed sites)%n",
                        model.name(), right[0] / (double) changed[0], right[1] / (double) changed[0],
                        right[2] / (double) changed[0], changed[0]);
            }
        }
    }
}
