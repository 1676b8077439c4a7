package org.epnsj.conformance;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.GroupAction;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * The action-law contract: the identity acts trivially, the action is a left action, the array form
 * agrees with the reference form in float64, and the reference form is pure. Supply the action and a
 * generator of input samples:
 *
 * <pre>{@code
 * class MyActionConformanceTest implements GroupActionContract<MyElement> {
 *     public GroupAction<MyElement> action() { return new MyAction(); }
 *     public SampleGenerator inputs() { return rng -> randomState(rng); }
 * }
 * }</pre>
 *
 * @param <E> the element type
 */
public interface GroupActionContract<E> extends ConformanceContract {

    /** The action under test. */
    GroupAction<E> action();

    /** Draws input samples (no batch axis). */
    SampleGenerator inputs();

    /** The id under which results are reported; {@code group id/action name} by default. */
    default String pluginId() {
        return action().group().id() + "/" + action().name();
    }

    /** How many inputs are drawn. */
    default int inputCount() {
        return 6;
    }


    /** How many random elements are drawn in addition to the testing elements. */
    default int sampledElements() {
        return 8;
    }



    /** The dynamic tests of the action laws. */
    @TestFactory
    default Stream<DynamicNode> actionLaws() {
        return actionLawTests(action(), inputs(), pluginId(), seed(), inputCount(), sampledElements(), engineName(),
                exclusions()).stream();
    }

    /** The slow tier: the action laws again at every other seed of {@link #seeds()}. */
    @TestFactory
    @Tag("slow")
    @Tag(SLOW_TIER_TAG)
    default Stream<DynamicNode> actionLawsAtMoreSeeds() {
        return ContractSupport.atMoreSeeds(this, s -> actionLawTests(action(), inputs(), pluginId(), s, inputCount(),
                sampledElements(), engineName(), exclusions()));
    }

    /** Writes {@code target/conformance-report.json} and prints the summary. */
    @AfterAll
    static void writeActionConformanceReport() {
        ConformanceReport.writeRunReport();
    }

    /** The action-law tests of any action; the discovery contract uses it for unknown element types. */
    static <E> List<DynamicNode> actionLawTests(GroupAction<E> action, SampleGenerator generator, String plugin,
            long seed, int inputCount, int samples, String engine, Exclusions exclusions) {
        List<DoubleTensor> inputs = generator.draw(inputCount, seed);
        List<E> testing = action.group().testingElements();
        List<E> law = GroupLawChecks.lawElements(action.group(), samples, seed);
        List<E> sampled = law.stream().filter(g -> !testing.contains(g)).toList();
        List<DynamicNode> out = new ArrayList<>();
        out.add(ContractSupport.test(ContractSupport.testName(Rule.REQUIRED_ACTION_IDENTITY, plugin), plugin,
                exclusions, () -> ActionLawChecks.identity(action, inputs, seed)));
        out.add(perElement(Rule.REQUIRED_ACTION_COMPATIBILITY, testing, sampled, plugin, seed, exclusions,
                els -> ActionLawChecks.compatibility(action, els, law, inputs, seed)));
        out.add(perElement(Rule.REQUIRED_ACTION_ARRAY_MATCHES_REFERENCE, testing, sampled, plugin, seed, exclusions,
                els -> {
                    try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
                        return ActionLawChecks.arrayMatchesReference(action, els, inputs, m, seed);
                    }
                }));
        out.add(ContractSupport.test(ContractSupport.testName(Rule.REQUIRED_ACTION_PURE, plugin), plugin,
                exclusions, () -> ActionLawChecks.pure(action, law, inputs, seed)));
        return out;
    }

    /** A container named after the rule with one test per testing element and one for the samples. */
    static <E> DynamicContainer perElement(Rule rule, List<E> testing, List<E> sampled, String plugin, long seed,
            Exclusions exclusions, Function<List<E>, CheckReport> check) {
        List<DynamicNode> tests = new ArrayList<>();
        for (E g : testing) {
            tests.add(ContractSupport.test(ContractSupport.testName(rule, plugin, g), plugin, exclusions,
                    () -> check.apply(List.of(g))));
        }
        if (!sampled.isEmpty()) {
            String more = sampled.size() + " more elements, seed " + seed;
            tests.add(ContractSupport.test(ContractSupport.testName(rule.id(), plugin, more), plugin, exclusions,
                    () -> check.apply(sampled)));
        }
        return DynamicContainer.dynamicContainer(rule.id(), tests);
    }
}
