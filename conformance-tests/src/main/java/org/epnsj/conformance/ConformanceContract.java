package org.epnsj.conformance;

import java.util.List;

/**
 * What every contract of the kit shares: the seed of its random draws, the engine it runs arrays
 * on, and the known deviations it reports instead of failing.
 */
public interface ConformanceContract {

    /**
     * The JUnit tag of the kit's slow tier: the distributional rules and the pointwise rules at
     * {@link #seeds()}. Those tests also carry the tag {@code slow}, so a build that leaves out
     * {@code slow} leaves them out too; {@code slow & !conformance-slow} leaves out every other slow test.
     */
    String SLOW_TIER_TAG = "conformance-slow";

    /** The seed of all random draws; {@code -Depnsj.conformance.seed} overrides it. */
    default long seed() {
        return ContractSupport.seed(0x5EEDL);
    }

    /**
     * The seeds of the slow tier, {@link #seed()} first: with it 1, 2, 3 and 7, five in all, or
     * those listed in {@code -Depnsj.conformance.seeds}; only {@link #seed()} when
     * {@code -Depnsj.conformance.seed} is set. The default tier runs {@link #seed()}; the slow tier
     * repeats every rule at the others.
     */
    default List<Long> seeds() {
        return ContractSupport.seeds(seed());
    }

    /** The DJL engine arrays and models run on. */
    default String engineName() {
        return "mxnet";
    }

    /** Known deviations; {@link Exclusions#fromClasspath()} by default. */
    default Exclusions exclusions() {
        return Exclusions.fromClasspath();
    }
}
