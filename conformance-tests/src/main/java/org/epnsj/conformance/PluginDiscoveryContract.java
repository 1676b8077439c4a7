package org.epnsj.conformance;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.model.LatentLayout;
import org.epnsj.api.model.Transformation;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.api.spi.ModelDescription;
import org.epnsj.api.spi.SymmetryProvider;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the kit on every {@link SymmetryProvider} and {@link DomainProvider} that {@link ServiceLoader}
 * finds on the test class path: service entries resolve, ids are unique, each group obeys the group
 * laws, each domain's state action obeys the action laws (inputs from the domain's simulator), and
 * each model of each domain passes the pointwise model rules. Implement it in an empty test class:
 *
 * <pre>{@code class PluginConformanceTest implements PluginDiscoveryContract {}}</pre>
 *
 * <p>Every model is read from its {@link ModelDescription} only: it is built with the description's
 * factory, first checked to agree with it ({@link Rule#REQUIRED_MODEL_MATCHES_DESCRIPTION}), then
 * checked on the elements that exercise only the kinds of symmetry the description claims
 * ({@link ModelDescription#symmetries()}, kinds from {@link org.epnsj.api.group.Group#kinds}); the
 * others are skipped with a reason. The latent's action is the description's
 * {@link ModelDescription#latentAction()} or else the rule of the architecture: a latent declared
 * {@link Transformation#EQUIVARIANT} with layout {@link LatentLayout#PER_NODE} transforms with the
 * state action, any other latent is invariant. The forward model is checked on its own when the
 * description declares {@link ModelDescription#hiddenActions()}.
 */
public interface PluginDiscoveryContract extends ConformanceContract {

    /** The class loader searched for providers. */
    default ClassLoader pluginLoader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : PluginDiscoveryContract.class.getClassLoader();
    }




    /** The preset whose simulator and model are checked: the domain's first preset by default. */
    default String preset(DomainProvider domain) {
        return domain.presets().get(0);
    }

    /** The dynamic tests of every discovered plugin. */
    @TestFactory
    default Stream<DynamicNode> discoveredPlugins() {
        return pluginTests(seed()).stream();
    }

    /** The slow tier: every discovered plugin again at every other seed of {@link #seeds()}. */
    @TestFactory
    @Tag("slow")
    @Tag(SLOW_TIER_TAG)
    default Stream<DynamicNode> discoveredPluginsAtMoreSeeds() {
        return ContractSupport.atMoreSeeds(this, this::pluginTests);
    }

    private List<DynamicNode> pluginTests(long seed) {
        Exclusions ex = exclusions();
        List<DynamicNode> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<SymmetryProvider<?>> symmetries = load(SymmetryProvider.class, errors).stream()
                .<SymmetryProvider<?>>map(p -> p).toList();
        List<DomainProvider> domains = load(DomainProvider.class, errors);
        out.add(ContractSupport.test(ContractSupport.testName(Rule.REQUIRED_SERVICE_ENTRIES_RESOLVE, "services"),
                "services", ex, () -> new CheckReport(
                Rule.REQUIRED_SERVICE_ENTRIES_RESOLVE.id(), errors.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL,
                String.join("; ", errors), errors.size(), 0, seed, "", "", symmetries.size() + domains.size() + errors.size())));
        out.add(ContractSupport.test(ContractSupport.testName(Rule.REQUIRED_UNIQUE_PLUGIN_IDS, "services"),
                "services", ex, () -> uniqueIds(symmetries, domains, seed)));
        Map<String, SymmetryProvider<?>> byId = new HashMap<>();
        for (SymmetryProvider<?> s : symmetries) {
            byId.putIfAbsent(s.id(), s);
            out.add(DynamicContainer.dynamicContainer("symmetry " + s.id(),
                    GroupContract.groupLawTests(s.group(), s.id(), seed, 16, ex)));
        }
        for (DomainProvider d : domains) {
            out.add(DynamicContainer.dynamicContainer("domain " + d.id(), domainTests(d, byId, seed, ex)));
        }
        return out;
    }

    /** Writes {@code target/conformance-report.json} and prints the summary. */
    @AfterAll
    static void writeDiscoveryConformanceReport() {
        ConformanceReport.writeRunReport();
    }

    private static <S> List<S> load(Class<S> type, List<String> errors) {
        List<S> out = new ArrayList<>();
        Iterator<S> it = ServiceLoader.load(type, Thread.currentThread().getContextClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                out.add(it.next());
            } catch (ServiceConfigurationError e) {
                errors.add(type.getSimpleName() + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static CheckReport uniqueIds(List<SymmetryProvider<?>> symmetries, List<DomainProvider> domains, long seed) {
        List<String> duplicates = new ArrayList<>();
        Map<String, Object> seen = new HashMap<>();
        for (SymmetryProvider<?> s : symmetries) {
            Object prev = seen.put("symmetry " + s.id(), s);
            if (prev != null) {
                duplicates.add("symmetry '" + s.id() + "': " + prev.getClass().getName() + " and " + s.getClass().getName());
            }
        }
        for (DomainProvider d : domains) {
            Object prev = seen.put("domain " + d.id(), d);
            if (prev != null) {
                duplicates.add("domain '" + d.id() + "': " + prev.getClass().getName() + " and " + d.getClass().getName());
            }
        }
        return new CheckReport(Rule.REQUIRED_UNIQUE_PLUGIN_IDS.id(), duplicates.isEmpty() ? CheckStatus.PASS
                : CheckStatus.FAIL, String.join("; ", duplicates), duplicates.size(), 0, seed, "", "", seen.size());
    }

    private List<DynamicNode> domainTests(DomainProvider domain, Map<String, SymmetryProvider<?>> symmetries, long seed,
            Exclusions ex) {
        List<DynamicNode> out = new ArrayList<>();
        GroupAction<?> action = domain.stateAction();
        out.add(ContractSupport.test(ContractSupport.testName(Rule.REQUIRED_DOMAIN_SYMMETRY_RESOLVES, domain.id()),
                domain.id(), ex, () -> {
            SymmetryProvider<?> s = symmetries.get(domain.symmetryId());
            String problem = s == null ? "no discovered symmetry has id '" + domain.symmetryId() + "'; found "
                    + symmetries.keySet()
                    : !s.group().id().equals(action.group().id()) ? "stateAction().group().id() is '"
                            + action.group().id() + "' but symmetry '" + s.id() + "' has group '" + s.group().id() + "'"
                            : "";
            return new CheckReport(Rule.REQUIRED_DOMAIN_SYMMETRY_RESOLVES.id(), problem.isEmpty() ? CheckStatus.PASS
                    : CheckStatus.FAIL, problem, problem.isEmpty() ? 0 : 1, 0, seed, "", "", 1);
        }));
        String preset = preset(domain);
        SampleGenerator states = rng -> domain.simulator(preset).initialState(rng);
        out.addAll(GroupActionContract.actionLawTests(action, states, domain.id(), seed, 6, 8, engineName(), ex));
        for (ModelDescription model : domain.modelDescriptions()) {
            out.add(DynamicContainer.dynamicContainer("model " + model.name(),
                    modelTests(domain.id(), model, preset, action, states, seed, ex)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private <E> List<DynamicNode> modelTests(String domainId, ModelDescription description, String preset,
            GroupAction<E> action, SampleGenerator states, long seed, Exclusions ex) {
        String plugin = domainId + "/" + description.name();
        TransitionModelContract.ModelFactory factory = c -> description.factory().create(preset, c);
        List<DynamicNode> out = new ArrayList<>();
        out.add(ContractSupport.test(ContractSupport.testName(Rule.REQUIRED_MODEL_MATCHES_DESCRIPTION, plugin),
                plugin, ex, () -> {
            try (NDManager m = Engines.newManager(engineName(), DeviceKind.CPU)) {
                return ModelDescriptionChecks.check(description,
                        factory.create(new ModelContext(m, DataType.FLOAT64, seed)), seed);
            }
        }));
        boolean perNodeEquivariant;
        try (NDManager m = Engines.newManager(engineName(), DeviceKind.CPU)) {
            TransitionModel probe = factory.create(new ModelContext(m, DataType.FLOAT64, seed));
            perNodeEquivariant = probe.prior().transformation() == Transformation.EQUIVARIANT
                    && probe.prior().layout() == LatentLayout.PER_NODE;
        }
        GroupAction<E> latent = description.latentAction().map(a -> (GroupAction<E>) a)
                .orElse(perNodeEquivariant ? action : null);
        List<GroupAction<E>> hidden = description.hiddenActions()
                .map(l -> l.stream().map(a -> (GroupAction<E>) a).toList()).orElse(null);
        Set<Capability> caps = EnumSet.of(Capability.STOCHASTIC, Capability.POSTERIOR);
        caps.addAll(Capability.of(description.symmetries()));
        if (latent != null) {
            caps.add(Capability.EQUIVARIANT_LATENT);
        }
        if (action.group().order().isPresent()) {
            caps.add(Capability.FINITE_GROUP);
        }
        out.addAll(TransitionModelContract.ModelContractSupport.pointwiseTests(factory, states, action, latent, hidden,
                ElementTraits.of(action.group()), caps, plugin, seed, 4, engineName(), ex));
        return out;
    }
}
