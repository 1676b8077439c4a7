package org.epnsj.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.conformance.fixtures.Fixtures;
import org.epnsj.conformance.fixtures.Fixtures.Element;
import org.epnsj.conformance.fixtures.PlanarFixtureModel;
import org.epnsj.conformance.fixtures.PlanarFixtureModel.Variant;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/**
 * What a third party sees when the kit fails, through the contracts themselves: the dynamic tests are
 * built by the contract's test factory and run here as JUnit runs them (their outcomes recorded apart
 * from this run's report), on the negative control with a constant offset in its decoder mean.
 */
class FailureReportingTest {

    private static final String PLUGIN = "planar-fixture/decoder-offset";
    private static final Set<String> RULE_IDS = Arrays.stream(Rule.values()).map(Rule::id).collect(Collectors.toSet());
    /** {@code rule [plugin]} or {@code rule [plugin, detail]}. */
    private static final Pattern TEST_NAME = Pattern.compile("([a-z_]+) \\[([^,\\]]+)(, .+)?\\]");

    /** The contract on the model whose decoder adds a constant vector to its mean. */
    static final class DecoderOffsetContract implements TransitionModelContract<Element> {
        private final GroupAction<Element> planar = Fixtures.planar(Fixtures.d4(), false);

        @Override public TransitionModel createModel(ModelContext c) {
            return new PlanarFixtureModel(Variant.DECODER_OFFSET, c.dataType());
        }
        @Override public SampleGenerator states() { return FixtureInputs.gaussian(2); }
        @Override public GroupAction<Element> stateAction() { return planar; }
        @Override public GroupAction<Element> latentAction() { return planar; }
        @Override public List<GroupAction<Element>> hiddenActions() { return List.of(planar); }
        @Override public String pluginId() { return PLUGIN; }
        @Override public long seed() { return 7; }
        @Override public Exclusions exclusions() { return new Exclusions(List.of()); }
    }

    /** The outcome of one dynamic test: its display name and what it threw (null when it passed). */
    private record Outcome(String name, Throwable thrown) {}

    private static List<Outcome> run(Stream<DynamicNode> nodes) {
        List<DynamicTest> tests = new ArrayList<>();
        nodes.forEach(n -> collect(n, tests));
        List<Outcome> out = new ArrayList<>();
        ConformanceReport.recordingInto(new ConformanceReport(), () -> {
            for (DynamicTest t : tests) {
                Throwable thrown = null;
                try {
                    t.getExecutable().execute();
                } catch (Throwable e) {
                    thrown = e;
                }
                out.add(new Outcome(t.getDisplayName(), thrown));
            }
        });
        return out;
    }

    private static void collect(DynamicNode node, List<DynamicTest> into) {
        if (node instanceof DynamicContainer c) {
            c.getChildren().forEach(child -> collect(child, into));
        } else {
            into.add((DynamicTest) node);
        }
    }

    private static Map<String, Outcome> failures(List<Outcome> outcomes) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            if (o.thrown() instanceof AssertionError) {
                out.put(o.name(), o);
            }
        }
        return out;
    }

    @Test
    void testNamesShowTheRuleThePluginAndTheElement() {
        List<Outcome> outcomes = run(new DecoderOffsetContract().modelRules());
        assertThat(outcomes).hasSize(7 * 5);
        for (Outcome o : outcomes) {
            var m = TEST_NAME.matcher(o.name());
            assertThat(m.matches()).as("display name '%s'", o.name()).isTrue();
            assertThat(m.group(1)).isIn(RULE_IDS);
            assertThat(m.group(2)).isEqualTo(PLUGIN);
            assertThat(m.group(3)).matches(", g=(e|r|r3|s)|, 4 more elements, seed 7");
        }
        assertThat(outcomes).extracting(Outcome::name).contains("required_decoder_equivariant [" + PLUGIN + ", g=r]",
                "required_transition_step_equivariant [" + PLUGIN + ", 4 more elements, seed 7]");
    }

    @Test
    void aFailureIsAShortMessageWithTheFindingAndAShortTrace() {
        List<Outcome> outcomes = run(new DecoderOffsetContract().modelRules());
        Map<String, Outcome> failed = failures(outcomes);
        assertThat(failed.keySet()).as("the rules that read the decoder mean fail on every element but e")
                .hasSize(3 * 4)
                .allMatch(n -> n.startsWith("required_decoder_") || n.startsWith("required_transition_step"));
        assertThat(outcomes).filteredOn(o -> o.thrown() != null && !(o.thrown() instanceof AssertionError))
                .as("nothing but assertion failures").isEmpty();

        Throwable decoder = failed.get("required_decoder_equivariant [" + PLUGIN + ", g=r]").thrown();
        String worstInput = decoder.getMessage().lines().filter(l -> l.startsWith("  worst input: input #"))
                .findFirst().orElseThrow();
        assertThat(decoder.getMessage()).isEqualTo(String.join("\n",
                "required_decoder_equivariant failed [" + PLUGIN + ", g=r]: max error 0.750 > tolerance 1.00e-09 "
                        + "(4 trials, seed 7)",
                "  found: constant offset of (0.250, -0.500) in the decoder mean: f(g·x) - g·f(x) = b - g·b, the "
                        + "same on every input",
                "  look at: a term that does not transform with g: a bias added after the equivariant layers, or a "
                        + "constant vector added in a fixed frame; it must be invariant (g·b = b for every g) or go",
                worstInput,
                "  replay with -Depnsj.conformance.seed=7"));

        for (Outcome o : failed.values()) {
            assertThat(o.thrown().getStackTrace()).as(o.name()).hasSizeBetween(1, ContractSupport.FAILURE_TRACE_FRAMES);
            assertThat(o.thrown().getStackTrace()[0].getClassName()).isEqualTo(ContractSupport.class.getName());
            assertThat(o.thrown().getCause()).isNull();
            assertThat(o.thrown().getMessage().lines().count()).as(o.name()).isLessThanOrEqualTo(6);
            assertThat(o.thrown().getMessage()).as(o.name()).startsWith(o.name().substring(0, o.name().indexOf(' '))
                    + " failed [" + PLUGIN + ", g=").contains(" > tolerance 1.00e-09");
            if (!o.name().startsWith("required_decoder_equivariant")) {
                assertThat(o.thrown().getMessage()).as(o.name()).contains("\n  likely cause: "
                        + "required_decoder_equivariant fails on the same elements, and this rule follows from it: fix that "
                        + "first\n");
            } else {
                assertThat(o.thrown().getMessage()).doesNotContain("likely cause");
            }
        }
    }

    @Test
    void outcomesOfTheNegativeControlStayOutOfTheRunsReport() {
        int before = ConformanceReport.forRun().entries().size();
        ConformanceReport apart = new ConformanceReport();
        ConformanceReport.recordingInto(apart, () -> assertThat(ConformanceReport.forRun()).isSameAs(apart));
        run(new DecoderOffsetContract().modelRules());
        assertThat(ConformanceReport.forRun().entries()).hasSize(before);
    }

    /**
     * The distributional rule on the same model (1000 rollouts per side, 3 steps, seed 7, alpha 1e-3,
     * as in the slow tier) fails and names the pointwise rules that fail on its element as the likely
     * causes.
     */
    @Test
    void theRolloutRuleNamesThePointwiseRulesItFollowsFrom() {
        DecoderOffsetContract c = new DecoderOffsetContract();
        List<DynamicNode> tests = TransitionModelContract.ModelContractSupport.stochasticTests(c::createModel,
                c.states(), c.stateAction(), c.latentAction(), c.hiddenActions(), c.elementTraits(), c.capabilities(),
                PLUGIN, 7, 1000, 3, 1e-3, c.engineName(), c.exclusions());
        Outcome first = run(tests.stream().limit(1)).get(0);
        assertThat(first.name()).isEqualTo("stochastic_rollout_distribution_equivariant [" + PLUGIN + ", g=r]");
        assertThat(first.thrown()).isInstanceOf(AssertionError.class);
        assertThat(first.thrown().getMessage()).contains("\n  likely cause: required_decoder_equivariant, "
                + "required_decoder_density_invariant and required_transition_step_equivariant fail on the same "
                + "elements");
    }

    /**
     * The discovery contract's tests, over every plugin on this class path, are named the same way: the
     * rule id, then the plugin (a group, a domain, or domain/model) and the element.
     */
    @Test
    void discoveredPluginTestsAreNamedAfterRulePluginAndElement() {
        List<DynamicTest> tests = new ArrayList<>();
        new PluginDiscoveryConformanceTest().discoveredPlugins().forEach(n -> collect(n, tests));
        assertThat(tests).hasSizeGreaterThan(100);
        for (DynamicTest t : tests) {
            var m = TEST_NAME.matcher(t.getDisplayName());
            assertThat(m.matches()).as("display name '%s'", t.getDisplayName()).isTrue();
            assertThat(m.group(1)).isIn(RULE_IDS);
        }
        assertThat(tests).extracting(DynamicTest::getDisplayName)
                .anyMatch(n -> n.startsWith("required_decoder_equivariant [nbody/epns, g="))
                .anyMatch(n -> n.startsWith("required_action_compatibility [cellular, g="))
                .anyMatch(n -> n.startsWith("required_group_inverse [e3xsn, g="))
                .contains("required_unique_plugin_ids [services]");
    }
}
