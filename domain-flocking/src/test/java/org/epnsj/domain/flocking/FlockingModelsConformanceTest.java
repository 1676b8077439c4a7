package org.epnsj.domain.flocking;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.group.SymmetryKind;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.conformance.Capability;
import org.epnsj.conformance.CheckReport;
import org.epnsj.conformance.CheckStatus;
import org.epnsj.conformance.ElementTraits;
import org.epnsj.conformance.PluginDiscoveryContract;
import org.epnsj.conformance.Rule;
import org.epnsj.conformance.SampleGenerator;
import org.epnsj.conformance.TransitionModelChecks;
import org.epnsj.conformance.TransitionModelContract;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.symmetry.e2.E2xSnElement;
import org.epnsj.symmetry.e2.E2xSnGroup;
import org.epnsj.symmetry.e2.ParticlePermutationAction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit on this module's plugins, run as a third party would: discovery (the e2xsn group
 * laws, the flock state action, every model on what its domain claims), the EPNS model on every rule
 * with every capability, the PNS-GNN baseline caught on rotations, mirrors and translations while it
 * passes permutations, and a chiral model that the kit must reject on mirrors only (seed 7, float64
 * tolerance 1e-9).
 */
class FlockingModelsConformanceTest {

    private static final long SEED = 7;
    private static final FlockingDomain DOMAIN = new FlockingDomain();
    private static final E2xSnGroup GROUP = new E2xSnGroup(FlockingPresets.particles("tiny"));

    @SuppressWarnings("unchecked")
    private static GroupAction<E2xSnElement> states() {
        return (GroupAction<E2xSnElement>) DOMAIN.stateAction();
    }

    /**
     * Flocks from the simulator after a few frames of motion (aligned in part, unlike the random
     * starts), so that inputs and targets are realistic.
     */
    private static SampleGenerator inputs() {
        FlockingSimulator sim = new FlockingSimulator(FlockingDomain.physics("tiny"));
        return rng -> {
            float[] frame = sim.simulate(sim.initialState(rng), 11, rng).frame(10);
            return new DoubleTensor(new long[] {frame.length / 4, 4}, FlockStatistics.widen(frame));
        };
    }

    /** Every plugin this module registers, with the e2xsn provider it depends on. */
    @Nested
    class Discovered implements PluginDiscoveryContract {
    }

    /**
     * An EGNN model on the tiny preset with every capability and its declared actions on h; the
     * latent's last {@code pseudoScalars} columns change sign under mirrors.
     */
    abstract class EgnnContract implements TransitionModelContract<E2xSnElement> {
        private final String model;
        private final int pseudoScalars;

        EgnnContract(String model, int pseudoScalars) {
            this.model = model;
            this.pseudoScalars = pseudoScalars;
        }

        @Override public TransitionModel createModel(ModelContext context) {
            return DOMAIN.createModel(model, "tiny", context);
        }
        @Override public SampleGenerator states() { return inputs(); }
        @Override public GroupAction<E2xSnElement> stateAction() { return FlockingModelsConformanceTest.states(); }
        @Override public GroupAction<E2xSnElement> latentAction() {
            return new ParticlePermutationAction(GROUP, "latent", pseudoScalars);
        }
        @Override public List<GroupAction<E2xSnElement>> hiddenActions() {
            return List.of(new ParticlePermutationAction(GROUP, "node features"), stateAction());
        }
        @Override public Set<Capability> capabilities() {
            Set<Capability> c = EnumSet.of(Capability.STOCHASTIC, Capability.POSTERIOR, Capability.EQUIVARIANT_LATENT);
            c.addAll(Capability.of(EnumSet.allOf(SymmetryKind.class)));
            return c;
        }
        @Override public ElementTraits<E2xSnElement> elementTraits() { return ElementTraits.of(GROUP); }
        @Override public String pluginId() { return "flocking/" + model + " (tiny)"; }
    }

    /** EPNS with invariant latents. */
    @Nested
    class Epns extends EgnnContract {
        Epns() {
            super(FlockingDomain.EPNS, 0);
        }
    }

    /** EPNS with a handed latent, with its declared latent action (the last column a pseudo-scalar). */
    @Nested
    class HandedEpns extends EgnnContract {
        HandedEpns() {
            super(FlockingDomain.EPNS_HANDED, FlockingDomain.HANDED_LATENTS);
        }
    }

    /**
     * The handed latent is what keeps the handed model equivariant: read as an invariant latent, its
     * posterior and decoder fail on every mirror (the turn changes side) and pass every proper motion.
     */
    @Test
    void theHandedModelIsEquivariantOnlyWithItsPseudoScalarLatent() {
        List<DoubleTensor> in = inputs().draw(4, SEED);
        List<DoubleTensor> targets = inputs().draw(4, SEED + 1);
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            TransitionModel t = DOMAIN.createModel(FlockingDomain.EPNS_HANDED, "tiny", new ModelContext(m, DataType.FLOAT64, SEED));
            TransitionModelChecks<E2xSnElement> invariantLatent = new TransitionModelChecks<>(t, states(),
                    new ParticlePermutationAction(GROUP, "latent"), in, targets, m, SEED);
            TransitionModelChecks<E2xSnElement> handedLatent = new TransitionModelChecks<>(t, states(),
                    new ParticlePermutationAction(GROUP, "latent", FlockingDomain.HANDED_LATENTS), in, targets, m, SEED);
            for (Rule rule : List.of(Rule.REQUIRED_POSTERIOR_EQUIVARIANT, Rule.REQUIRED_DECODER_EQUIVARIANT)) {
                CheckReport wrong = invariantLatent.check(rule, only(SymmetryKind.PARITY));
                assertThat(wrong.status()).as(rule + ": " + wrong.describe()).isEqualTo(CheckStatus.FAIL);
                CheckReport right = handedLatent.check(rule, only(SymmetryKind.PARITY));
                assertThat(right.status()).as(rule + ": " + right.describe()).isEqualTo(CheckStatus.PASS);
                for (SymmetryKind kind : List.of(SymmetryKind.ROTATIONS, SymmetryKind.TRANSLATIONS, SymmetryKind.PERMUTATIONS)) {
                    CheckReport proper = invariantLatent.check(rule, only(kind));
                    assertThat(proper.status()).as(rule + " " + kind + ": " + proper.describe()).isEqualTo(CheckStatus.PASS);
                }
            }
        }
    }

    private static CheckReport decoderCheck(TransitionModelFactory factory, List<E2xSnElement> elements) {
        List<DoubleTensor> in = inputs().draw(4, SEED);
        List<DoubleTensor> targets = inputs().draw(4, SEED + 1);
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            TransitionModel t = factory.create(new ModelContext(m, DataType.FLOAT64, SEED));
            return new TransitionModelChecks<>(t, states(), new ParticlePermutationAction(GROUP, "latent"), in, targets,
                    m, SEED).check(Rule.REQUIRED_DECODER_EQUIVARIANT, elements);
        }
    }

    /** Builds a model in a given context. */
    private interface TransitionModelFactory {
        TransitionModel create(ModelContext context);
    }

    private static TransitionModelFactory model(String name) {
        return c -> DOMAIN.createModel(name, "tiny", c);
    }

    private static List<E2xSnElement> only(SymmetryKind kind) {
        List<E2xSnElement> out = GROUP.testingElements().stream().filter(g -> GROUP.kinds(g).equals(Set.of(kind))).toList();
        assertThat(out).as(kind.toString()).isNotEmpty();
        return out;
    }

    @Test
    void pnsGnnIsCaughtOnRotationsMirrorsAndTranslationsAndPassesPermutations() {
        for (SymmetryKind kind : List.of(SymmetryKind.ROTATIONS, SymmetryKind.PARITY, SymmetryKind.TRANSLATIONS)) {
            CheckReport r = decoderCheck(model(FlockingDomain.PNS_GNN), only(kind));
            assertThat(r.status()).as(kind + ": " + r.describe()).isEqualTo(CheckStatus.FAIL);
            // The twin: the same check passes for EPNS, so the failure is the baseline's, not the check's.
            CheckReport twin = decoderCheck(model(FlockingDomain.EPNS), only(kind));
            assertThat(twin.status()).as(kind + ": " + twin.describe()).isEqualTo(CheckStatus.PASS);
        }
        CheckReport permutations = decoderCheck(model(FlockingDomain.PNS_GNN), only(SymmetryKind.PERMUTATIONS));
        assertThat(permutations.status()).as(permutations.describe()).isEqualTo(CheckStatus.PASS);
    }

    /** The negative control: a chiral drift is caught on every mirror and passes every proper motion. */
    @Test
    void aChiralModelIsRejectedOnMirrorsOnly() {
        TransitionModelFactory chiral = c -> new ChiralFlockModel(DOMAIN.createModel(FlockingDomain.EPNS, "tiny", c));
        CheckReport mirrors = decoderCheck(chiral, only(SymmetryKind.PARITY));
        assertThat(mirrors.status()).as(mirrors.describe()).isEqualTo(CheckStatus.FAIL);
        assertThat(mirrors.worstElement()).isNotEmpty();
        for (SymmetryKind kind : List.of(SymmetryKind.ROTATIONS, SymmetryKind.TRANSLATIONS, SymmetryKind.PERMUTATIONS)) {
            CheckReport r = decoderCheck(chiral, only(kind));
            assertThat(r.status()).as(kind + ": " + r.describe()).isEqualTo(CheckStatus.PASS);
        }
        CheckReport step = decoderCheckOfStep(chiral, only(SymmetryKind.PARITY));
        assertThat(step.status()).as(step.describe()).isEqualTo(CheckStatus.FAIL);
    }

    private static CheckReport decoderCheckOfStep(TransitionModelFactory factory, List<E2xSnElement> elements) {
        List<DoubleTensor> in = inputs().draw(4, SEED);
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            TransitionModel t = factory.create(new ModelContext(m, DataType.FLOAT64, SEED));
            return new TransitionModelChecks<>(t, states(), new ParticlePermutationAction(GROUP, "latent"), in, in, m, SEED)
                    .check(Rule.REQUIRED_TRANSITION_STEP_EQUIVARIANT, elements);
        }
    }

    @Test
    void theDomainClaimsWhatItsModelsHave() {
        assertThat(DOMAIN.modelDescription(FlockingDomain.EPNS).symmetries()).containsExactlyInAnyOrder(SymmetryKind.values());
        assertThat(DOMAIN.modelDescription(FlockingDomain.PNS_GNN).symmetries()).containsExactly(SymmetryKind.PERMUTATIONS);
    }
}
