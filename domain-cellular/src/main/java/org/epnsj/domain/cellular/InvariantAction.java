package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.GroupAction;
import org.epnsj.symmetry.p4.GridSymmetry;
import org.epnsj.symmetry.p4.P4Group;

/**
 * The action of {@link P4Group} under which every element is the identity: the action on a
 * quantity that turns, shifts and relabellings leave unchanged, such as the global latent of
 * {@code epns-global}.
 */
final class InvariantAction implements GroupAction<GridSymmetry> {

    private final P4Group group;
    private final String name;

    InvariantAction(P4Group group, String name) {
        this.group = group;
        this.name = name;
    }

    @Override
    public Group<GridSymmetry> group() {
        return group;
    }

    @Override
    public String name() {
        return name + " (invariant)";
    }

    @Override
    public DoubleTensor act(GridSymmetry g, DoubleTensor x) {
        return new DoubleTensor(x.shape(), x.data().clone());
    }

    @Override
    public NDArray act(GridSymmetry g, NDArray x) {
        return x.duplicate();
    }
}
