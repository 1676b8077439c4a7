package org.epnsj.api.group;

import ai.djl.ndarray.NDArray;

/**
 * A left action of a group on arrays of a fixed per-sample shape (a state or a feature field).
 *
 * <p>Each action has two forms that must agree: a plain-Java reference form on float64 arrays,
 * which is the oracle of the conformance kit, and an {@link NDArray} form, which models use. The
 * {@link NDArray} form acts on a batch: axis 0 is the sample axis and every sample is transformed
 * by the same element.
 *
 * @param <E> the group's element type
 */
public interface GroupAction<E> {

    /** The group that acts. */
    Group<E> group();

    /** What the action acts on, for messages and reports, e.g. {@code "n-body state"}. */
    String name();

    /**
     * Reference form: the image of one sample under {@code g}. Must not modify {@code x}.
     *
     * @param g the element
     * @param x one sample (no batch axis), in float64
     * @return a new tensor with the same shape
     */
    DoubleTensor act(E g, DoubleTensor x);

    /**
     * Array form: the image of a batch under {@code g}, in the array's own dtype and on its device.
     * The result belongs to the manager of {@code x}.
     */
    NDArray act(E g, NDArray x);
}
