package org.epnsj.examples.conformance;

import org.epnsj.api.group.Group;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.conformance.GroupActionContract;
import org.epnsj.conformance.GroupContract;
import org.epnsj.conformance.PluginDiscoveryContract;
import org.epnsj.conformance.SampleGenerator;
import org.epnsj.conformance.TransitionModelContract;
import org.epnsj.api.group.TrivialAction;
import org.epnsj.examples.lineargaussian.LinearGaussianDomain;
import org.epnsj.examples.lineargaussian.LinearGaussianModel;
import org.epnsj.examples.so2.PlanarRotationAction;
import org.epnsj.examples.so2.Rotation;
import org.epnsj.examples.so2.So2Group;
import org.junit.jupiter.api.Nested;

/** The conformance kit run on the SO(2) and linear-Gaussian plugins, as a third party would. */
class ExamplesConformanceTest {

    /** Every plugin this module registers in META-INF/services. */
    @Nested
    class Discovered implements PluginDiscoveryContract {
    }

    @Nested
    class So2Laws implements GroupContract<Rotation> {
        @Override public Group<Rotation> group() { return new So2Group(); }
    }

    /** SO(2) on per-node planar vectors of shape (3, 2), the shape of a latent block. */
    @Nested
    class PlanarVectors implements GroupActionContract<Rotation> {
        @Override public GroupAction<Rotation> action() { return new PlanarRotationAction(new So2Group(), "planar vectors"); }
        @Override public SampleGenerator inputs() {
            return rng -> new org.epnsj.api.group.DoubleTensor(new long[] {3, 2},
                    rng.doubles(6, -2, 2).toArray());
        }
    }

    /** The model with its latent z (2, 2) per sample: two planar vectors that rotate with the state. */
    @Nested
    class LinearGaussian implements TransitionModelContract<Rotation> {
        private final LinearGaussianDomain domain = new LinearGaussianDomain();
        private final So2Group group = new So2Group();

        @Override public TransitionModel createModel(ModelContext context) {
            return new LinearGaussianModel(context, 16, 2);
        }
        @Override public SampleGenerator states() { return rng -> domain.simulator("tiny").initialState(rng); }
        @Override public GroupAction<Rotation> stateAction() { return new PlanarRotationAction(group, "planar point"); }
        @Override public GroupAction<Rotation> latentAction() { return new PlanarRotationAction(group, "planar latents"); }
        /** h = (invariant features, the state itself). */
        @Override public java.util.List<GroupAction<Rotation>> hiddenActions() {
            return java.util.List.of(new TrivialAction<>(group, "invariant features"), new PlanarRotationAction(group, "state"));
        }
        @Override public String pluginId() { return "linear-gaussian/epns (contract)"; }
    }
}
