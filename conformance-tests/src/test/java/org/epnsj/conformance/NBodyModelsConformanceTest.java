package org.epnsj.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.epnsj.api.group.TrivialAction;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.group.SymmetryKind;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.domain.nbody.NBodyDomain;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.symmetry.e3.BodyPermutationAction;
import org.epnsj.symmetry.e3.E3xSnElement;
import org.epnsj.symmetry.e3.E3xSnGroup;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The n-body models beyond what discovery checks: the distributional tier of an EPNS rollout (slow
 * tier), and the PNS-GNN baseline, which must be caught as not rotation-equivariant while it is
 * permutation-equivariant (seed 7, float64 tolerance 1e-9).
 */
class NBodyModelsConformanceTest {

    private static final long SEED = 7;
    private static final NBodyDomain DOMAIN = new NBodyDomain();
    private static final E3xSnGroup GROUP = new E3xSnGroup(NBodyDomain.BODIES);

    @SuppressWarnings("unchecked")
    private static GroupAction<E3xSnElement> states() {
        return (GroupAction<E3xSnElement>) DOMAIN.stateAction();
    }

    private static SampleGenerator inputs() {
        return rng -> DOMAIN.simulator("tiny").initialState(rng);
    }

    /** EPNS on the tiny preset with every capability: pointwise rules and the rollout KS rule. */
    @Nested
    class Epns implements TransitionModelContract<E3xSnElement> {
        @Override
        public TransitionModel createModel(ModelContext context) {
            return DOMAIN.createModel(NBodyDomain.EPNS, "tiny", context);
        }

        @Override
        public SampleGenerator states() {
            return inputs();
        }

        @Override
        public GroupAction<E3xSnElement> stateAction() {
            return NBodyModelsConformanceTest.states();
        }

        @Override
        public GroupAction<E3xSnElement> latentAction() {
            return new BodyPermutationAction(GROUP, "latent");
        }

        @Override
        public List<GroupAction<E3xSnElement>> hiddenActions() {
            return List.of(new BodyPermutationAction(GROUP, "node features"), new BodyPermutationAction(GROUP, "embedding"),
                    stateAction());
        }

        @Override
        public Set<Capability> capabilities() {
            Set<Capability> c = EnumSet.of(Capability.STOCHASTIC, Capability.POSTERIOR, Capability.EQUIVARIANT_LATENT);
            c.addAll(Capability.of(EnumSet.allOf(SymmetryKind.class)));
            return c;
        }

        @Override
        public ElementTraits<E3xSnElement> elementTraits() {
            return ElementTraits.of(GROUP);
        }

        @Override
        public String pluginId() {
            return "nbody/epns (tiny)";
        }
    }

    private static CheckReport decoderCheck(String model, List<E3xSnElement> elements) {
        return decoderCheck(model, elements, new BodyPermutationAction(GROUP, "latent"));
    }

    private static CheckReport decoderCheck(String model, List<E3xSnElement> elements,
            GroupAction<E3xSnElement> latent) {
        List<DoubleTensor> in = inputs().draw(4, SEED);
        List<DoubleTensor> targets = inputs().draw(4, SEED + 1);
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            TransitionModel t = DOMAIN.createModel(model, "tiny", new ModelContext(m, DataType.FLOAT64, SEED));
            return new TransitionModelChecks<>(t, states(), latent, in, targets, m, SEED)
                    .check(Rule.REQUIRED_DECODER_EQUIVARIANT, elements);
        }
    }

    private static List<E3xSnElement> only(SymmetryKind kind) {
        return GROUP.testingElements().stream().filter(g -> GROUP.kinds(g).equals(Set.of(kind))).toList();
    }

    @Test
    void pnsGnnIsCaughtOnRotationsAndTranslationsAndPassesPermutations() {
        assertThat(only(SymmetryKind.ROTATIONS)).isNotEmpty();
        assertThat(only(SymmetryKind.PERMUTATIONS)).isNotEmpty();
        CheckReport rotations = decoderCheck(NBodyDomain.PNS_GNN, only(SymmetryKind.ROTATIONS));
        assertThat(rotations.status()).as(rotations.describe()).isEqualTo(CheckStatus.FAIL);
        assertThat(rotations.worstElement()).isNotEmpty();
        CheckReport translations = decoderCheck(NBodyDomain.PNS_GNN, only(SymmetryKind.TRANSLATIONS));
        assertThat(translations.status()).as(translations.describe()).isEqualTo(CheckStatus.FAIL);
        CheckReport permutations = decoderCheck(NBodyDomain.PNS_GNN, only(SymmetryKind.PERMUTATIONS));
        assertThat(permutations.status()).as(permutations.describe()).isEqualTo(CheckStatus.PASS);
        // The twin: the same check passes for EPNS, so the failure is the baseline's, not the check's.
        CheckReport epns = decoderCheck(NBodyDomain.EPNS, only(SymmetryKind.ROTATIONS));
        assertThat(epns.status()).as(epns.describe()).isEqualTo(CheckStatus.PASS);
    }

    /** Per-body latents must move with their bodies: declared invariant, the permutation checks fail. */
    @Test
    void epnsLatentsLeftUnpermutedAreCaught() {
        CheckReport unpermuted = decoderCheck(NBodyDomain.EPNS, only(SymmetryKind.PERMUTATIONS),
                new TrivialAction<>(GROUP, "latent"));
        assertThat(unpermuted.status()).as(unpermuted.describe()).isEqualTo(CheckStatus.FAIL);
        CheckReport permuted = decoderCheck(NBodyDomain.EPNS, only(SymmetryKind.PERMUTATIONS));
        assertThat(permuted.status()).as(permuted.describe()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void theDomainClaimsWhatItsModelsHave() {
        assertThat(DOMAIN.modelDescription(NBodyDomain.EPNS).symmetries()).containsExactlyInAnyOrder(SymmetryKind.values());
        assertThat(DOMAIN.modelDescription(NBodyDomain.PNS_GNN).symmetries()).containsExactly(SymmetryKind.PERMUTATIONS);
        assertThat(DOMAIN.modelDescription(NBodyDomain.PNS_MLP).symmetries()).isEmpty();
    }
}
