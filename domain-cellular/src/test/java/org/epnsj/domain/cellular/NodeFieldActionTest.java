package org.epnsj.domain.cellular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.symmetry.p4.GridSymmetry;
import org.epnsj.symmetry.p4.LabelGridAction;
import org.epnsj.symmetry.p4.P4Group;
import org.junit.jupiter.api.Test;

class NodeFieldActionTest {

    private final P4Group group = new P4Group(4, 3, false);

    private static DoubleTensor random(long... shape) {
        DoubleTensor t = DoubleTensor.zeros(shape);
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = rng.nextGaussian();
        }
        return t;
    }

    /** A node grid made of cell masks moves exactly as the state's id channel does. */
    @Test
    void spatialFieldOfMasksFollowsTheStateAction() {
        NodeFieldAction nodes = new NodeFieldAction(group, "masks", true);
        LabelGridAction state = new LabelGridAction(group, "state", 1, 0);
        SplittableRandom rng = new SplittableRandom(2);
        double[] ids = new double[16];
        for (int s = 0; s < 16; s++) {
            ids[s] = rng.nextInt(4);
        }
        GridSymmetry g = new GridSymmetry(1, false, 1, 2, new int[] {0, 2, 3, 1});
        double[] moved = state.act(g, new DoubleTensor(new long[] {4, 4, 1}, ids)).data();
        DoubleTensor masks = masks(ids);
        assertThat(nodes.act(g, masks)).isEqualTo(masks(moved));
    }

    private static DoubleTensor masks(double[] ids) {
        double[] m = new double[4 * 16];
        for (int s = 0; s < 16; s++) {
            m[(int) ids[s] * 16 + s] = 1;
        }
        return new DoubleTensor(new long[] {4, 1, 4, 4}, m);
    }

    @Test
    void arrayFormMatchesTheReferenceAndLatentsOnlyMoveWithTheirNode() {
        GridSymmetry g = new GridSymmetry(3, false, 2, 1, new int[] {0, 3, 1, 2});
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            for (boolean spatial : new boolean[] {true, false}) {
                NodeFieldAction a = new NodeFieldAction(group, "field", spatial);
                DoubleTensor x = spatial ? random(4, 2, 4, 4) : random(4, 5);
                double[] viaArray = a.act(g, m.create(x.data(), new ai.djl.ndarray.types.Shape(
                        prepend(x.shape())))).toDoubleArray();
                assertThat(viaArray).containsExactly(a.act(g, x).data());
            }
            DoubleTensor z = random(4, 5);
            DoubleTensor moved = new NodeFieldAction(group, "latent", false).act(g, z);
            // Node 1's latent is now node 3's, unchanged.
            for (int d = 0; d < 5; d++) {
                assertThat(moved.data()[3 * 5 + d]).isEqualTo(z.data()[5 + d]);
            }
        }
    }

    /**
     * An oriented latent (4 blocks of 2): a turn by r moves node 1's vector to node 3 with block k
     * holding block k + r's values; the array form agrees; four quarter turns compose to the identity.
     */
    @Test
    void orientedLatentShiftsItsBlocksWithTheTurn() {
        NodeFieldAction a = new NodeFieldAction(group, "oriented", false, true);
        DoubleTensor z = random(4, 8);
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            for (int r = 0; r < 4; r++) {
                GridSymmetry g = new GridSymmetry(r, false, 1, 3, new int[] {0, 3, 1, 2});
                DoubleTensor moved = a.act(g, z);
                for (int k = 0; k < 4; k++) {
                    for (int d = 0; d < 2; d++) {
                        assertThat(moved.data()[3 * 8 + k * 2 + d]).as("turn %d block %d", r, k)
                                .isEqualTo(z.data()[8 + ((k + r) % 4) * 2 + d]);
                    }
                }
                double[] viaArray = a.act(g, m.create(z.data(), new ai.djl.ndarray.types.Shape(1, 4, 8)))
                        .toDoubleArray();
                assertThat(viaArray).containsExactly(moved.data());
            }
        }
        GridSymmetry quarter = new GridSymmetry(1, false, 0, 0, new int[0]);
        DoubleTensor turned = z;
        for (int i = 0; i < 4; i++) {
            turned = a.act(quarter, turned);
        }
        assertThat(turned).isEqualTo(z);
    }

    @Test
    void orientedLatentRejectsReflectionsAndBlocksThatDoNotDivide() {
        P4Group p4m = new P4Group(4, 3, true);
        NodeFieldAction a = new NodeFieldAction(p4m, "oriented", false, true);
        assertThatThrownBy(() -> a.act(new GridSymmetry(0, true, 0, 0, new int[0]), random(4, 8)))
                .hasMessageContaining("reflection");
        assertThatThrownBy(() -> a.act(p4m.identity(), random(4, 6))).hasMessageContaining("(nodes, 4 D)");
    }

    @Test
    void rejectsFieldsOfAnotherShape() {
        assertThatThrownBy(() -> new NodeFieldAction(group, "h", true).act(group.identity(), random(4, 2, 5, 5)))
                .hasMessageContaining("h").hasMessageContaining("(nodes, C, 4, 4)");
    }

    private static long[] prepend(long[] shape) {
        long[] out = new long[shape.length + 1];
        out[0] = 1;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }
}
