package org.epnsj.conformance;

import org.epnsj.api.group.Group;

/**
 * The trivial action, kept here for kits written against earlier versions.
 *
 * @param <E> the group's element type
 * @deprecated use {@link org.epnsj.api.group.TrivialAction}, which domains can name without the kit
 */
@Deprecated
public final class TrivialAction<E> extends org.epnsj.api.group.TrivialAction<E> {

    /** The trivial action of {@code group} on a quantity called {@code name}. */
    public TrivialAction(Group<E> group, String name) {
        super(group, name);
    }
}
