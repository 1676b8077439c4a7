package org.epnsj.conformance;

import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.GroupAction;
import org.epnsj.symmetry.e3.E3xSnElement;
import org.epnsj.symmetry.e3.E3xSnGroup;
import org.epnsj.symmetry.e3.ParticleStateAction;
import org.epnsj.symmetry.p4.GridSymmetry;
import org.epnsj.symmetry.p4.LabelGridAction;
import org.epnsj.symmetry.p4.P4Group;
import org.junit.jupiter.api.Nested;

/**
 * The repository's plugins through the contracts that need inputs or sizes discovery cannot guess:
 * the state actions of E(3) x S_n and p4, and p4m on a lattice small enough to enumerate.
 */
class RepositoryPluginsConformanceTest {

    /** The exact action on 5-body states [m, x, v]: masses in [0.5, 1.5], positions and velocities Gaussian. */
    @Nested
    class NBodyStates implements GroupActionContract<E3xSnElement> {
        @Override
        public GroupAction<E3xSnElement> action() {
            return ParticleStateAction.nBody(new E3xSnGroup(5));
        }

        @Override
        public SampleGenerator inputs() {
            return rng -> {
                double[] d = new double[5 * 7];
                for (int b = 0; b < 5; b++) {
                    d[b * 7] = 0.5 + rng.nextDouble();
                    for (int k = 1; k < 7; k++) {
                        d[b * 7 + k] = rng.nextGaussian();
                    }
                }
                return new DoubleTensor(new long[] {5, 7}, d);
            };
        }
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

    /** The cell-state action (id, type) on a 6 x 6 torus with 5 cells and reflections. */
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
