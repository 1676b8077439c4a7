package org.epnsj.symmetry.p4;

import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.GroupAction;
import org.epnsj.conformance.GroupActionContract;
import org.epnsj.conformance.GroupContract;
import org.epnsj.conformance.PluginDiscoveryContract;
import org.epnsj.conformance.SampleGenerator;
import org.junit.jupiter.api.Nested;

/** The conformance kit on the p4 plugin, including exhaustive checks on a small lattice. */
class P4ConformanceTest {

    /** Every plugin this module registers: service entries, unique ids, group laws. */
    @Nested
    class Discovered implements PluginDiscoveryContract {
    }

    /** p4m on a 2 x 2 torus with 2 labels: 64 elements, so closure is checked exhaustively. */
    @Nested
    class SmallP4mLaws implements GroupContract<GridSymmetry> {
        @Override
        public Group<GridSymmetry> group() {
            return new P4Group(2, 2, true);
        }

        @Override
        public String pluginId() {
            return "p4m 2x2, 2 labels";
        }
    }

    /** The cell-state action (id, type) on a 6 x 6 torus with 5 cells. */
    @Nested
    class CellStates implements GroupActionContract<GridSymmetry> {
        @Override
        public GroupAction<GridSymmetry> action() {
            return new LabelGridAction(new P4Group(6, 5, true), "cell state", 2, 0);
        }

        @Override
        public SampleGenerator inputs() {
            return rng -> {
                double[] d = new double[6 * 6 * 2];
                for (int s = 0; s < 36; s++) {
                    int id = rng.nextInt(6);
                    d[2 * s] = id;
                    d[2 * s + 1] = id == 0 ? 0 : 1 + id % 4;
                }
                return new DoubleTensor(new long[] {6, 6, 2}, d);
            };
        }
    }
}
