package org.epnsj.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;

/** The seeds of the two tiers and the properties that change them. */
class SeedsTest {

    private static final long OWN = 0x5EEDL;

    @BeforeEach
    void noSeedPropertiesGiven() {
        Assumptions.assumeTrue(System.getProperty(ContractSupport.SEED_PROPERTY) == null
                && System.getProperty(ContractSupport.SEEDS_PROPERTY) == null, "seed properties set for this run");
    }

    private static <T> T with(String property, String value, Supplier<T> body) {
        System.setProperty(property, value);
        try {
            return body.get();
        } finally {
            System.clearProperty(property);
        }
    }

    @Test
    void theSlowTierRunsFiveSeedsTheContractsOwnFirst() {
        assertThat(ContractSupport.seeds(OWN)).containsExactly(OWN, 1L, 2L, 3L, 7L);
        assertThat(ContractSupport.seeds(2)).as("no seed twice").containsExactly(2L, 1L, 3L, 7L);
    }

    @Test
    void seedsPropertyListsTheOthersInDecimalOrHex() {
        assertThat(with(ContractSupport.SEEDS_PROPERTY, "11, 0x10,1", () -> ContractSupport.seeds(OWN)))
                .containsExactly(OWN, 11L, 16L, 1L);
        assertThatThrownBy(() -> with(ContractSupport.SEEDS_PROPERTY, "1,seven", () -> ContractSupport.seeds(OWN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ContractSupport.SEEDS_PROPERTY)
                .hasMessageContaining("'seven'");
    }

    /** A replay pins both tiers to the given seed: the slow tier's repetition is one skipped test. */
    @Test
    void aReplayRunsOneSeed() {
        ConformanceContract contract = new ConformanceContract() { };
        List<DynamicNode> more = with(ContractSupport.SEED_PROPERTY, "0x7", () -> {
            assertThat(contract.seed()).isEqualTo(7);
            assertThat(contract.seeds()).containsExactly(7L);
            return ContractSupport.atMoreSeeds(contract, s -> List.of()).toList();
        });
        assertThat(more).hasSize(1).noneMatch(n -> n instanceof DynamicContainer);
        List<String> names = ContractSupport.atMoreSeeds(contract, s -> List.of()).map(DynamicNode::getDisplayName)
                .toList();
        assertThat(names).containsExactly("seed 1", "seed 2", "seed 3", "seed 7");
    }
}
