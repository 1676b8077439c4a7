package org.epnsj.conformance;

/**
 * What every contract of the kit shares: the seed of its random draws, the engine it runs arrays
 * on, and the known deviations it reports instead of failing.
 */
public interface ConformanceContract {

    /** The seed of all random draws; {@code -Depnsj.conformance.seed} overrides it. */
    default long seed() {
        return ContractSupport.seed(0x5EEDL);
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
