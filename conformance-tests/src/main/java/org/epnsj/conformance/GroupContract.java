package org.epnsj.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.epnsj.api.group.Group;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * The group-law contract. Implement it in a test class and supply the group; JUnit then runs one
 * dynamic test per rule and testing element (plus one per rule for the seeded samples), named after
 * the rule ids of {@link Rule}:
 *
 * <pre>{@code
 * class MyGroupConformanceTest implements GroupContract<MyElement> {
 *     public Group<MyElement> group() { return new MyGroup(); }
 * }
 * }</pre>
 *
 * <p>{@link Rule#REQUIRED_GROUP_CLOSURE} runs only for finite groups ({@link Capability#FINITE_GROUP}),
 * and is skipped with a reason otherwise.
 *
 * @param <E> the element type
 */
public interface GroupContract<E> extends ConformanceContract {

    /** The group under test. */
    Group<E> group();

    /** The id under which results are reported; the group's id by default. */
    default String pluginId() {
        return group().id();
    }


    /** How many random elements are drawn in addition to the testing elements. */
    default int sampledElements() {
        return 16;
    }


    /** The dynamic tests of the group laws. */
    @TestFactory
    default Stream<DynamicNode> groupLaws() {
        return groupLawTests(group(), pluginId(), seed(), sampledElements(), exclusions()).stream();
    }

    /** The slow tier: the group laws again at every other seed of {@link #seeds()}. */
    @TestFactory
    @Tag("slow")
    @Tag(SLOW_TIER_TAG)
    default Stream<DynamicNode> groupLawsAtMoreSeeds() {
        return ContractSupport.atMoreSeeds(this, s -> groupLawTests(group(), pluginId(), s, sampledElements(),
                exclusions()));
    }

    /** Writes {@code target/conformance-report.json} and prints the summary. */
    @AfterAll
    static void writeGroupConformanceReport() {
        ConformanceReport.writeRunReport();
    }

    /** The group-law tests of any group; the discovery contract uses it for unknown element types. */
    static <E> List<DynamicNode> groupLawTests(Group<E> group, String plugin, long seed, int samples,
            Exclusions exclusions) {
        List<DynamicNode> out = new ArrayList<>();
        List<E> sampled = GroupLawChecks.lawElements(group, samples, seed).stream()
                .filter(g -> !group.testingElements().contains(g)).toList();
        out.add(perElement(Rule.REQUIRED_GROUP_IDENTITY, group, plugin, seed, sampled, exclusions,
                els -> GroupLawChecks.identity(group, els, seed)));
        out.add(perElement(Rule.REQUIRED_GROUP_INVERSE, group, plugin, seed, sampled, exclusions,
                els -> GroupLawChecks.inverse(group, els, seed)));
        List<E> law = GroupLawChecks.lawElements(group, samples, seed);
        out.add(ContractSupport.test(ContractSupport.testName(Rule.REQUIRED_GROUP_ASSOCIATIVITY, plugin), plugin,
                exclusions, () -> GroupLawChecks.associativity(group, law, 256, seed)));
        out.add(ContractSupport.test(ContractSupport.testName(Rule.REQUIRED_GROUP_DISTANCE, plugin), plugin,
                exclusions, () -> GroupLawChecks.distance(group, law, seed)));
        out.add(ContractSupport.test(ContractSupport.testName(Rule.REQUIRED_GROUP_CLOSURE, plugin), plugin,
                exclusions, () -> GroupLawChecks.closure(group, seed)));
        return out;
    }

    /** A container named after the rule with one test per testing element and one for the samples. */
    private static <E> DynamicContainer perElement(Rule rule, Group<E> group, String plugin, long seed, List<E> sampled,
            Exclusions exclusions, java.util.function.Function<List<E>, CheckReport> check) {
        List<DynamicNode> tests = new ArrayList<>();
        for (E g : group.testingElements()) {
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
