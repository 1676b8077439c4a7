package org.epnsj.domain.cellular;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.symmetry.p4.GridSymmetry;
import org.epnsj.symmetry.p4.LabelGridAction;
import org.epnsj.symmetry.p4.P4Group;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The argmax readout of a predicted cell state ({@link CellStateDistribution#mode()}): a unique
 * maximum gives its id, tied maxima the medium, so the readout commutes with every element of p4 x
 * relabellings. Logits are integers 0-2 on a 4 x 4 torus with 5 ids (seed 3), so about half the
 * pixels tie; compared exactly.
 */
class CellModeTieTest {

    private static final int SIDE = 4;
    private static final int NODES = 5;
    private static final P4Group GROUP = new P4Group(SIDE, NODES - 1, true);

    private static CellStateDistribution distribution(NDManager m, double[] logits, double[] types) {
        return new CellStateDistribution(m.create(logits, new Shape(1, NODES, SIDE, SIDE)),
                m.create(types, new Shape(1, NODES)), 3);
    }

    /** The (L, L, 2) state of a batch of one. */
    private static DoubleTensor state(NDArray batch) {
        return new DoubleTensor(new long[] {SIDE, SIDE, 2}, batch.toType(DataType.FLOAT64, false).toDoubleArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void aUniqueMaximumGivesItsIdAndATieTheMedium(String engine) {
        double[] logits = new double[NODES * SIDE * SIDE];
        // pixel 0: id 2 alone; pixel 1: ids 3 and 4 tie; pixel 2: the medium and id 1 tie; pixel 3: id 4 alone
        int pixels = SIDE * SIDE;
        logits[2 * pixels] = 1;
        logits[3 * pixels + 1] = 1;
        logits[4 * pixels + 1] = 1;
        logits[2] = 1;
        logits[pixels + 2] = 1;
        logits[4 * pixels + 3] = 2;
        logits[3 * pixels + 3] = 1;
        double[] types = {0, 1, 2, 1, 2};
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            double[] s = state(distribution(m, logits, types).mode()).data();
            assertThat(new double[] {s[0], s[2], s[4], s[6]}).as("ids of pixels 0-3").containsExactly(2, 0, 0, 4);
            assertThat(new double[] {s[1], s[3], s[5], s[7]}).as("their types").containsExactly(2, 0, 0, 2);
            assertThat(s[8]).as("pixel 4: all five ids tie").isEqualTo(0);
        }
    }

    /**
     * mode(g logits) = g mode(logits) for the testing elements and 24 sampled elements (turns,
     * reflections, shifts, relabellings); the lowest-id rule that this replaces fails the same check,
     * so the inputs do exercise ties.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void theReadoutCommutesWithTurnsShiftsAndRelabellings(String engine) {
        SplittableRandom rng = new SplittableRandom(3);
        double[] logits = new double[NODES * SIDE * SIDE];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = rng.nextInt(3);
        }
        double[] types = {0, 1, 2, 2, 1};
        NodeFieldAction onLogits = new NodeFieldAction(GROUP, "logits", true);
        NodeFieldAction onTypes = new NodeFieldAction(GROUP, "node types", false);
        LabelGridAction onStates = new LabelGridAction(GROUP, "cell state", 2, 0);
        List<GridSymmetry> elements = new ArrayList<>(GROUP.testingElements());
        for (int i = 0; i < 24; i++) {
            elements.add(GROUP.sample(rng));
        }
        DoubleTensor x = new DoubleTensor(new long[] {NODES, 1, SIDE, SIDE}, logits);
        DoubleTensor t = new DoubleTensor(new long[] {NODES}, types);
        int lowestIdFailures = 0;
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            CellStateDistribution plain = distribution(m, logits, types);
            DoubleTensor mode = state(plain.mode());
            DoubleTensor lowest = lowestIdMode(m, logits, types);
            for (GridSymmetry g : elements) {
                CellStateDistribution moved = distribution(m, onLogits.act(g, x).data(), onTypes.act(g, t).data());
                assertThat(state(moved.mode())).as("mode(g x) vs g mode(x), g = %s", g).isEqualTo(onStates.act(g, mode));
                if (!lowestIdMode(m, onLogits.act(g, x).data(), onTypes.act(g, t).data())
                        .equals(onStates.act(g, lowest))) {
                    lowestIdFailures++;
                }
            }
        }
        assertThat(lowestIdFailures).as("elements on which the lowest-id rule fails").isGreaterThan(0);
    }

    /** The former readout: the first maximum (lowest id), types from the id-to-type map. */
    private static DoubleTensor lowestIdMode(NDManager m, double[] logits, double[] types) {
        NDArray ids = m.create(logits, new Shape(1, NODES, SIDE, SIDE)).argMax(1).toType(DataType.FLOAT64, false);
        return state(CellStates.withTypes(ids, m.create(types, new Shape(1, NODES))));
    }
}
