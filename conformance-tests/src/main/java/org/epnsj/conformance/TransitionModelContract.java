package org.epnsj.conformance;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.epnsj.api.group.TrivialAction;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.model.Transformation;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * The transition-model contract: coupled-noise equivariance of prior, posterior and decoder, density
 * invariance, one whole step, and (tagged {@code slow}) the distribution of rollouts. Supply a model
 * factory, a state generator and the actions:
 *
 * <pre>{@code
 * class MyModelConformanceTest implements TransitionModelContract<MyElement> {
 *     public TransitionModel createModel(ModelContext c) { return new MyModel(c); }
 *     public SampleGenerator states() { return rng -> mySimulator.initialState(rng); }
 *     public GroupAction<MyElement> stateAction() { return new MyStateAction(); }
 *     public GroupAction<MyElement> latentAction() { return new MyLatentAction(); } // equivariant latents only
 * }
 * }</pre>
 *
 * <p>Capabilities ({@link #capabilities()}) skip rules that do not apply, with a reason. The model is
 * built in float64 so that the tolerance is 1e-9.
 *
 * @param <E> the element type
 */
public interface TransitionModelContract<E> extends ConformanceContract {

    /** A freshly initialised model; the context asks for float64. */
    TransitionModel createModel(ModelContext context);

    /** Draws states (no batch axis, float64). */
    SampleGenerator states();

    /** How the group acts on states. */
    GroupAction<E> stateAction();

    /**
     * How the group acts on one sample of the latent z. Needed only with
     * {@link Capability#EQUIVARIANT_LATENT}; without it the latent is treated as invariant.
     */
    default GroupAction<E> latentAction() {
        return null;
    }

    /**
     * What the model can do. By default: {@link Capability#STOCHASTIC}, {@link Capability#POSTERIOR},
     * {@link Capability#FINITE_GROUP} for finite groups, and {@link Capability#EQUIVARIANT_LATENT} when
     * {@link #latentAction()} is supplied.
     */
    default Set<Capability> capabilities() {
        Set<Capability> c = EnumSet.of(Capability.STOCHASTIC, Capability.POSTERIOR);
        if (stateAction().group().order().isPresent()) {
            c.add(Capability.FINITE_GROUP);
        }
        if (latentAction() != null) {
            c.add(Capability.EQUIVARIANT_LATENT);
        }
        return c;
    }

    /** The id under which results are reported. */
    default String pluginId() {
        return stateAction().group().id() + "/model";
    }

    /** How many states are drawn per check. */
    default int stateCount() {
        return 4;
    }




    /** Rollouts per side of the distributional rule. */
    default int rolloutSamples() {
        return 1000;
    }

    /** Steps per rollout of the distributional rule. */
    default int rolloutSteps() {
        return 3;
    }

    /**
     * How the group acts on each element of the forward model's output h, in order (a
     * {@link TrivialAction} for invariant features); {@code null} (the default) skips
     * {@link Rule#REQUIRED_FORWARD_EQUIVARIANT} with a reason.
     */
    default List<GroupAction<E>> hiddenActions() {
        return null;
    }

    /**
     * Which capabilities each group element exercises; elements exercising a capability that
     * {@link #capabilities()} lacks are skipped from the model rules with a reason. By default no
     * element is classified and every element is checked.
     */
    default ElementTraits<E> elementTraits() {
        return ElementTraits.none();
    }

    /** The family-wise level of the distributional rule. */
    default double rolloutAlpha() {
        return 1e-3;
    }

    /** The dynamic tests of the pointwise model rules. */
    @TestFactory
    default Stream<DynamicNode> modelRules() {
        return ModelContractSupport.pointwiseTests(this::createModel, states(), stateAction(), latentAction(),
                hiddenActions(), elementTraits(), capabilities(), pluginId(), seed(), stateCount(), engineName(),
                exclusions()).stream();
    }

    /** The slow tier: the pointwise model rules again at every other seed of {@link #seeds()}. */
    @TestFactory
    @Tag("slow")
    @Tag(SLOW_TIER_TAG)
    default Stream<DynamicNode> modelRulesAtMoreSeeds() {
        return ContractSupport.atMoreSeeds(this, s -> ModelContractSupport.pointwiseTests(this::createModel, states(),
                stateAction(), latentAction(), hiddenActions(), elementTraits(), capabilities(), pluginId(), s,
                stateCount(), engineName(), exclusions()));
    }

    /** The distributional rule at every seed of {@link #seeds()}, one container per seed (slow tier). */
    @TestFactory
    @Tag("slow")
    @Tag(SLOW_TIER_TAG)
    default Stream<DynamicNode> stochasticRules() {
        List<DynamicNode> out = new ArrayList<>();
        for (long s : seeds()) {
            out.add(DynamicContainer.dynamicContainer("seed " + s, ModelContractSupport.stochasticTests(this::createModel,
                    states(), stateAction(), latentAction(), hiddenActions(), elementTraits(), capabilities(), pluginId(),
                    s, rolloutSamples(), rolloutSteps(), rolloutAlpha(), engineName(), exclusions())));
        }
        return out.stream();
    }

    /** Writes {@code target/conformance-report.json} and prints the summary. */
    @AfterAll
    static void writeModelConformanceReport() {
        ConformanceReport.writeRunReport();
    }

    /** Builds a model in a context. */
    @FunctionalInterface
    interface ModelFactory {
        /** A fresh model. */
        TransitionModel create(ModelContext context);
    }

    /** Shared code of the model contract and the discovery contract. */
    final class ModelContractSupport {

        private static final List<Rule> POINTWISE = List.of(Rule.REQUIRED_FORWARD_EQUIVARIANT, Rule.REQUIRED_PRIOR_EQUIVARIANT,
                Rule.REQUIRED_PRIOR_DENSITY_INVARIANT, Rule.REQUIRED_POSTERIOR_EQUIVARIANT,
                Rule.REQUIRED_DECODER_EQUIVARIANT, Rule.REQUIRED_DECODER_DENSITY_INVARIANT,
                Rule.REQUIRED_TRANSITION_STEP_EQUIVARIANT);

        private ModelContractSupport() {}

        private static String capabilitySkip(Rule rule, Set<Capability> caps) {
            boolean needsStochastic = rule == Rule.REQUIRED_PRIOR_EQUIVARIANT || rule == Rule.REQUIRED_PRIOR_DENSITY_INVARIANT
                    || rule == Rule.REQUIRED_DECODER_DENSITY_INVARIANT
                    || rule == Rule.STOCHASTIC_ROLLOUT_DISTRIBUTION_EQUIVARIANT;
            if (needsStochastic && !caps.contains(Capability.STOCHASTIC)) {
                return "requires capability STOCHASTIC, which the contract does not declare";
            }
            if (rule == Rule.REQUIRED_POSTERIOR_EQUIVARIANT && !caps.contains(Capability.POSTERIOR)) {
                return "requires capability POSTERIOR, which the contract does not declare";
            }
            return null;
        }

        /** The pointwise rule tests: one container per rule with one test per testing element. */
        public static <E> List<DynamicNode> pointwiseTests(ModelFactory factory, SampleGenerator generator,
                GroupAction<E> stateAction, GroupAction<E> latent, List<GroupAction<E>> hidden, ElementTraits<E> traits,
                Set<Capability> caps, String plugin, long seed, int count, String engine, Exclusions exclusions) {
            List<DoubleTensor> states = generator.draw(count, seed);
            List<DoubleTensor> targets = generator.draw(count, seed + 1);
            List<E> testing = stateAction.group().testingElements();
            List<E> sampled = GroupLawChecks.lawElements(stateAction.group(), 4, seed).stream()
                    .filter(g -> !testing.contains(g))
                    .filter(g -> ElementTraits.missing(traits, caps, g).isEmpty()).toList();
            List<DynamicNode> out = new ArrayList<>();
            for (Rule rule : POINTWISE) {
                String skip = capabilitySkip(rule, caps);
                out.add(GroupActionContract.perElement(rule, testing, sampled, plugin, seed, exclusions, els -> {
                    if (skip != null) {
                        return CheckReport.skipped(rule.id(), skip, seed);
                    }
                    if (els.size() == 1 && !ElementTraits.missing(traits, caps, els.get(0)).isEmpty()) {
                        return CheckReport.skipped(rule.id(), "element " + els.get(0) + " exercises "
                                + ElementTraits.missing(traits, caps, els.get(0)) + ", which the contract does not declare",
                                seed);
                    }
                    if (rule == Rule.REQUIRED_FORWARD_EQUIVARIANT && hidden == null) {
                        return CheckReport.skipped(rule.id(), "no action is declared for the forward model's output h "
                                + "(override hiddenActions()); F is still checked through the prior, posterior and decoder",
                                seed);
                    }
                    try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
                        TransitionModel model = factory.create(new ModelContext(m, DataType.FLOAT64, seed));
                        GroupAction<E> z = latentFor(model, stateAction, latent, caps);
                        if (z == null) {
                            return CheckReport.skipped(rule.id(), "the prior declares an equivariant latent but no "
                                    + "latent action is supplied (capability EQUIVARIANT_LATENT missing)", seed);
                        }
                        TransitionModelChecks<E> checks = new TransitionModelChecks<>(model, stateAction, z, states, targets, m,
                                seed).withHiddenActions(hidden);
                        return rule == Rule.REQUIRED_FORWARD_EQUIVARIANT ? checks.checkForward(hidden, els)
                                : checks.check(rule, els);
                    }
                }));
            }
            return out;
        }

        /** The latent action: the supplied one, the trivial one for invariant priors, else null. */
        static <E> GroupAction<E> latentFor(TransitionModel model, GroupAction<E> stateAction, GroupAction<E> latent,
                Set<Capability> caps) {
            if (caps.contains(Capability.EQUIVARIANT_LATENT) && latent != null) {
                return latent;
            }
            if (model.prior().transformation() == Transformation.EQUIVARIANT) {
                return null;
            }
            return new TrivialAction<>(stateAction.group(), "latent");
        }

        /** The distributional tests: one per non-identity testing element (at most three). */
        public static <E> List<DynamicNode> stochasticTests(ModelFactory factory, SampleGenerator generator,
                GroupAction<E> stateAction, ElementTraits<E> traits, Set<Capability> caps, String plugin, long seed, int samples, int steps,
                double alpha, String engine, Exclusions exclusions) {
            return stochasticTests(factory, generator, stateAction, null, null, traits, caps, plugin, seed, samples, steps,
                    alpha, engine, exclusions);
        }

        /**
         * The distributional tests: one per non-identity testing element (at most three). When one fails,
         * the pointwise rules are run on its element (with the latent and hidden actions given, either
         * may be null), and those that fail too are named as its likely causes.
         */
        public static <E> List<DynamicNode> stochasticTests(ModelFactory factory, SampleGenerator generator,
                GroupAction<E> stateAction, GroupAction<E> latent, List<GroupAction<E>> hidden, ElementTraits<E> traits,
                Set<Capability> caps, String plugin, long seed, int samples, int steps, double alpha, String engine,
                Exclusions exclusions) {
            Rule rule = Rule.STOCHASTIC_ROLLOUT_DISTRIBUTION_EQUIVARIANT;
            DoubleTensor initial = generator.draw(1, seed).get(0);
            E identity = stateAction.group().identity();
            List<E> elements = stateAction.group().testingElements().stream()
                    .filter(g -> stateAction.group().distance(g, identity) > 0)
                    .filter(g -> ElementTraits.missing(traits, caps, g).isEmpty()).limit(3).toList();
            List<DynamicNode> out = new ArrayList<>();
            String skip = capabilitySkip(rule, caps);
            for (E g : elements) {
                out.add(ContractSupport.test(ContractSupport.testName(rule, plugin, g), plugin, exclusions, () -> {
                    if (skip != null) {
                        return CheckReport.skipped(rule.id(), skip, seed);
                    }
                    try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
                        TransitionModel model = factory.create(new ModelContext(m, DataType.FLOAT64, seed));
                        CheckReport report = DistributionalChecks.rolloutDistribution(model, stateAction, g, initial,
                                samples, steps, alpha, m, seed);
                        GroupAction<E> z = latentFor(model, stateAction, latent, caps);
                        if (report.status() != CheckStatus.FAIL || z == null) {
                            return report;
                        }
                        TransitionModelChecks<E> checks = new TransitionModelChecks<>(model, stateAction, z,
                                generator.draw(4, seed), generator.draw(4, seed + 1), m, seed).withHiddenActions(hidden);
                        return report.withLikelyCauses(checks.likelyCauses(rule, List.of(g)));
                    }
                }));
            }
            return out;
        }
    }
}
