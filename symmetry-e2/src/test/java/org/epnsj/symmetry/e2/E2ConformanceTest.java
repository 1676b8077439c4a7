package org.epnsj.symmetry.e2;

import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.GroupAction;
import org.epnsj.conformance.GroupActionContract;
import org.epnsj.conformance.GroupContract;
import org.epnsj.conformance.PluginDiscoveryContract;
import org.epnsj.conformance.SampleGenerator;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.api.Nested;

/** The conformance kit's group and action laws on E(2) × S_n, run from this module as a third party would. */
class E2ConformanceTest {

    private static final int N = 6;
    private static final E2xSnGroup GROUP = new E2xSnGroup(N);

    /** (n, c) values in [-3, 3]. */
    private static SampleGenerator particles(int n, int channels) {
        return rng -> new DoubleTensor(new long[] {n, channels}, rng.doubles((long) n * channels, -3, 3).toArray());
    }

    /** The registered provider: its group's laws. */
    @Nested
    class Discovered implements PluginDiscoveryContract {
    }

    @Nested
    class Laws implements GroupContract<E2xSnElement> {
        @Override public Group<E2xSnElement> group() { return GROUP; }
        @Override public int sampledElements() { return 64; }
    }

    /** States [x, y, vx, vy] on the default engine. */
    @Nested
    class States implements GroupActionContract<E2xSnElement> {
        @Override public GroupAction<E2xSnElement> action() { return PlanarParticleAction.positionsAndVelocities(GROUP, "state"); }
        @Override public SampleGenerator inputs() { return particles(N, 4); }
    }

    /** The same on PyTorch, whose gather and matMul are other kernels. */
    @Nested
    class StatesOnPyTorch implements GroupActionContract<E2xSnElement> {
        @Override public GroupAction<E2xSnElement> action() { return PlanarParticleAction.positionsAndVelocities(GROUP, "state"); }
        @Override public SampleGenerator inputs() { return particles(N, 4); }
        @Override public String engineName() { return Engines.PYTORCH; }
        @Override public String pluginId() { return "e2xsn/state (pytorch)"; }
    }

    /** Two point blocks, one vector block and invariant channels between them, on more particles than the samples move. */
    @Nested
    class MixedBlocks implements GroupActionContract<E2xSnElement> {
        @Override public GroupAction<E2xSnElement> action() {
            return new PlanarParticleAction(GROUP, "mixed", 8, new int[] {1, 5}, new int[] {3});
        }
        @Override public SampleGenerator inputs() { return particles(N + 3, 8); }
    }

    @Nested
    class PerParticleFeatures implements GroupActionContract<E2xSnElement> {
        @Override public GroupAction<E2xSnElement> action() { return new ParticlePermutationAction(GROUP, "features"); }
        @Override public SampleGenerator inputs() { return particles(N, 3); }
    }

    /** Invariant columns followed by two pseudo-scalar columns, as the handed flocking latents. */
    @Nested
    class PerParticleHandedFeatures implements GroupActionContract<E2xSnElement> {
        @Override public GroupAction<E2xSnElement> action() { return new ParticlePermutationAction(GROUP, "handed", 2); }
        @Override public SampleGenerator inputs() { return particles(N, 3); }
    }
}
