package org.epnsj.conformance;

import org.epnsj.api.group.Group;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.conformance.fixtures.Fixtures;
import org.epnsj.conformance.fixtures.Fixtures.Element;
import org.epnsj.conformance.fixtures.PlanarFixtureModel;
import org.junit.jupiter.api.Nested;

/** The contracts run on the kit's correct fixtures: every rule must pass (or skip with a reason). */
class ContractConformanceTest {

    @Nested
    class D4Group implements GroupContract<Element> {
        @Override public Group<Element> group() { return Fixtures.d4(); }
    }

    @Nested
    class S3Group implements GroupContract<Element> {
        @Override public Group<Element> group() { return Fixtures.s3(); }
    }

    @Nested
    class S3LabelAction implements GroupActionContract<Element> {
        @Override public GroupAction<Element> action() { return Fixtures.labels(Fixtures.s3(), false, false); }
        @Override public SampleGenerator inputs() { return FixtureInputs.labelGrid(8); }
    }

    @Nested
    class D4PositionVelocityAction implements GroupActionContract<Element> {
        @Override public GroupAction<Element> action() { return Fixtures.positionVelocity(Fixtures.d4(), true); }
        @Override public SampleGenerator inputs() { return FixtureInputs.gaussian(3, 4); }
    }

    /**
     * A model equivariant to D4's rotations only: it declares ROTATIONS but not PARITY, so the
     * reflections are skipped with a reason and every remaining rule passes.
     */
    @Nested
    class RotationOnlyModel implements TransitionModelContract<Element> {
        private final Fixtures.FiniteGroup d4 = Fixtures.d4();
        @Override public TransitionModel createModel(ModelContext c) {
            return new PlanarFixtureModel(PlanarFixtureModel.Variant.CHIRAL, c.dataType());
        }
        @Override public SampleGenerator states() { return FixtureInputs.gaussian(2); }
        @Override public GroupAction<Element> stateAction() { return Fixtures.planar(d4, false); }
        @Override public GroupAction<Element> latentAction() { return Fixtures.planar(d4, false); }
        @Override public java.util.Set<Capability> capabilities() {
            java.util.Set<Capability> c = TransitionModelContract.super.capabilities();
            c.add(Capability.ROTATIONS);
            return c;
        }
        @Override public ElementTraits<Element> elementTraits() {
            return e -> e.label().contains("s") ? java.util.Set.of(Capability.PARITY)
                    : e.label().equals("e") ? java.util.Set.of() : java.util.Set.of(Capability.ROTATIONS);
        }
        @Override public String pluginId() { return "planar-fixture/rotation-only"; }
    }

    @Nested
    class PlanarModel implements TransitionModelContract<Element> {
        private final Fixtures.FiniteGroup d4 = Fixtures.d4();
        @Override public TransitionModel createModel(ModelContext c) {
            return new PlanarFixtureModel(PlanarFixtureModel.Variant.CORRECT, c.dataType());
        }
        @Override public SampleGenerator states() { return FixtureInputs.gaussian(2); }
        @Override public GroupAction<Element> stateAction() { return Fixtures.planar(d4, false); }
        @Override public GroupAction<Element> latentAction() { return Fixtures.planar(d4, false); }
        @Override public String pluginId() { return "planar-fixture/contract"; }
    }
}
