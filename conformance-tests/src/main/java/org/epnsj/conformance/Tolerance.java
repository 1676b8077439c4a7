package org.epnsj.conformance;

import ai.djl.ndarray.types.DataType;

/**
 * The largest accepted scaled error of a pointwise rule. The error of a trial is
 * {@code max|actual - expected| / max(1, max|expected|)}: absolute for outputs of order one,
 * relative for large ones.
 *
 * @param value the largest accepted scaled error, positive
 */
public record Tolerance(double value) {

    /** Float64 models: transforms and models in float64 agree to round-off. */
    public static final Tolerance FLOAT64 = new Tolerance(1e-9);

    /** Float32 models: the kit transforms in float64, the model rounds to float32. */
    public static final Tolerance FLOAT32 = new Tolerance(1e-3);

    /** Group laws on element values (distances), for groups with floating-point elements. */
    public static final Tolerance GROUP_LAWS = new Tolerance(1e-9);

    /** Validates the value. */
    public Tolerance {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("value must be positive and finite, got " + value);
        }
    }

    /** The tolerance for a model or array of the given dtype. */
    public static Tolerance forDataType(DataType dataType) {
        return switch (dataType) {
            case FLOAT64 -> FLOAT64;
            case FLOAT32 -> FLOAT32;
            default -> throw new IllegalArgumentException("dataType must be float32 or float64, got " + dataType);
        };
    }
}
