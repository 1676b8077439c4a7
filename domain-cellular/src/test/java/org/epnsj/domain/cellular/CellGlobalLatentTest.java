package org.epnsj.domain.cellular;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.model.LatentLayout;
import org.epnsj.api.model.Transformation;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.distribution.Normal;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.symmetry.p4.GridSymmetry;
import org.epnsj.symmetry.p4.P4Group;
import org.junit.jupiter.api.Test;

/**
 * The {@code epns-global} latent: one vector per sample, unchanged by any element of p4 x
 * relabellings acting on the input (and on the target, for the posterior). Tiny preset (16 x 16,
 * 4 cells), float64, MXNet, seed 11; tolerance 1e-9 (absolute, on values of order one).
 */
class CellGlobalLatentTest {

    private static final long SEED = 11;
    private static final double TOLERANCE = 1e-9;
    private static final CellularDomain DOMAIN = new CellularDomain("tiny");

    /** Three pairs (x_t, x_t+1) of relaxed tiny states: frames 1 and 2 of simulated trajectories. */
    private static List<Trajectory> pairs() {
        CellularPottsSimulator sim = new CellularPottsSimulator(CpmParameters.tiny());
        SplittableRandom rng = new SplittableRandom(SEED);
        List<Trajectory> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(sim.simulate(sim.initialState(rng), 3, rng));
        }
        return out;
    }

    /** Frame t of every trajectory, moved by g, as a float64 batch (B, L, L, 2). */
    @SuppressWarnings("unchecked")
    private static NDArray batch(NDManager m, List<Trajectory> data, int t, GridSymmetry g) {
        GroupAction<GridSymmetry> action = (GroupAction<GridSymmetry>) DOMAIN.stateAction();
        long[] shape = data.get(0).frameShape();
        int size = data.get(0).frameSize();
        double[] all = new double[data.size() * size];
        for (int i = 0; i < data.size(); i++) {
            float[] frame = data.get(i).frame(t);
            double[] values = new double[size];
            for (int k = 0; k < size; k++) {
                values[k] = frame[k];
            }
            System.arraycopy(action.act(g, new DoubleTensor(shape, values)).data(), 0, all, i * size, size);
        }
        return m.create(all, new Shape(data.size(), shape[0], shape[1], shape[2]));
    }

    private static double maxDifference(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getDouble();
    }

    @Test
    void latentHasNoNodeOrPixelAxisAndIsDeclaredInvariant() {
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            TransitionModel model = DOMAIN.createModel(CellularDomain.EPNS_GLOBAL, "tiny",
                    new ModelContext(m, DataType.FLOAT64, SEED));
            List<Trajectory> data = pairs();
            GridSymmetry identity = ((P4Group) DOMAIN.stateAction().group()).identity();
            NDList h = model.forwardModel().forward(batch(m, data, 1, identity), false);
            Shape global = new Shape(3, 4);
            assertThat(model.prior().prior(h, false).mean().getShape()).isEqualTo(global);
            assertThat(model.posterior().posterior(h, batch(m, data, 2, identity), false).mean().getShape())
                    .isEqualTo(global);
            assertThat(model.prior().layout()).isEqualTo(LatentLayout.GLOBAL);
            assertThat(model.prior().transformation()).isEqualTo(Transformation.INVARIANT);
            assertThat(model.posterior().transformation()).isEqualTo(Transformation.INVARIANT);
        }
    }

    /**
     * Random elements (a turn, a shift and a relabelling each) leave the prior's mean and scale and
     * the posterior's mean equal to float64 rounding. The comparison is not blind: the global prior
     * differs between the samples, and the per-cell {@code epns} prior does change under the elements.
     */
    @Test
    void priorAndPosteriorAreInvariantUnderRandomTurnsShiftsAndRelabellings() {
        P4Group group = (P4Group) DOMAIN.stateAction().group();
        SplittableRandom rng = new SplittableRandom(SEED);
        List<Trajectory> data = pairs();
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            TransitionModel global = DOMAIN.createModel(CellularDomain.EPNS_GLOBAL, "tiny",
                    new ModelContext(m, DataType.FLOAT64, SEED));
            TransitionModel perCell = DOMAIN.createModel(CellularDomain.EPNS, "tiny",
                    new ModelContext(m, DataType.FLOAT64, SEED));
            GridSymmetry e = group.identity();
            NDList h = global.forwardModel().forward(batch(m, data, 1, e), false);
            Normal prior = (Normal) global.prior().prior(h, false);
            NDArray posterior = global.posterior().posterior(h, batch(m, data, 2, e), false).mean();
            assertThat(maxDifference(prior.mean().get(0), prior.mean().get(1))).as("depends on the input")
                    .isGreaterThan(1e-6);
            NDArray perCellPrior = perCell.prior().prior(perCell.forwardModel().forward(batch(m, data, 1, e), false),
                    false).mean();
            for (int i = 0; i < 8; i++) {
                GridSymmetry g = nonTrivial(group, rng);
                NDList gh = global.forwardModel().forward(batch(m, data, 1, g), false);
                Normal gPrior = (Normal) global.prior().prior(gh, false);
                assertThat(maxDifference(gPrior.mean(), prior.mean())).as("prior mean, %s", g).isLessThan(TOLERANCE);
                assertThat(maxDifference(gPrior.sigma(), prior.sigma())).as("prior sigma, %s", g).isLessThan(TOLERANCE);
                NDArray gPosterior = global.posterior().posterior(gh, batch(m, data, 2, g), false).mean();
                assertThat(maxDifference(gPosterior, posterior)).as("posterior mean, %s", g).isLessThan(TOLERANCE);
                NDArray gPerCell = perCell.prior().prior(perCell.forwardModel().forward(batch(m, data, 1, g), false),
                        false).mean();
                assertThat(maxDifference(gPerCell, perCellPrior)).as("per-cell prior moves, %s", g)
                        .isGreaterThan(1e-6);
            }
        }
    }

    /** A random element that turns (1-3 quarter turns) and relabels at least one cell. */
    private static GridSymmetry nonTrivial(P4Group group, SplittableRandom rng) {
        while (true) {
            GridSymmetry g = group.sample(rng);
            boolean relabels = false;
            for (int l = 0; l <= group.labels(); l++) {
                relabels |= g.label(l) != l;
            }
            if (g.rotation() != 0 && relabels) {
                return g;
            }
        }
    }
}
