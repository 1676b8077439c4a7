package org.epnsj.api.group;

import ai.djl.ndarray.NDArray;

/**
 * The action in which every element acts as the identity: the action on invariant outputs and on
 * invariant (for example global, unstructured) latents: a domain declares it as the latent action of
 * a model whose prior is invariant, and the conformance kit checks invariant outputs with it.
 *
 * @param <E> the group's element type
 */
public class TrivialAction<E> implements GroupAction<E> {

    private final Group<E> group;
    private final String name;

    /** The trivial action of {@code group} on a quantity called {@code name}. */
    public TrivialAction(Group<E> group, String name) {
        if (group == null) {
            throw new IllegalArgumentException("group must not be null");
        }
        this.group = group;
        this.name = name;
    }

    @Override
    public Group<E> group() {
        return group;
    }

    @Override
    public String name() {
        return name + " (invariant)";
    }

    @Override
    public DoubleTensor act(E g, DoubleTensor x) {
        return new DoubleTensor(x.shape(), x.data().clone());
    }

    @Override
    public NDArray act(E g, NDArray x) {
        return x.duplicate();
    }
}
