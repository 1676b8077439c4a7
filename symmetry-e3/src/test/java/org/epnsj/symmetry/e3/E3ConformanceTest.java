package org.epnsj.symmetry.e3;

import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.GroupAction;
import org.epnsj.conformance.GroupActionContract;
import org.epnsj.conformance.GroupContract;
import org.epnsj.conformance.PluginDiscoveryContract;
import org.epnsj.conformance.SampleGenerator;
import org.junit.jupiter.api.Nested;

/** The conformance kit on the E(3) x S_n plugin. */
class E3ConformanceTest {

    /** Every plugin this module registers: service entries, unique ids, group laws. */
    @Nested
    class Discovered implements PluginDiscoveryContract {
    }

    @Nested
    class Laws implements GroupContract<E3xSnElement> {
        @Override
        public Group<E3xSnElement> group() {
            return new E3xSnGroup(5);
        }
    }

    /** The exact action on 5-body states [m, x, v]: masses positive, positions and velocities Gaussian. */
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
}
