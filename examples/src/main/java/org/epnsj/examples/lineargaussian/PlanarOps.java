package org.epnsj.examples.lineargaussian;

import ai.djl.ndarray.NDArray;

/** Equivariant building blocks for planar vectors stored on the last axis. */
final class PlanarOps {

    private PlanarOps() {}

    /** J v: rotation by +90 degrees, (x, y) to (-y, x); commutes with every rotation. */
    static NDArray perp(NDArray v) {
        String lead = ":, ".repeat(v.getShape().dimension() - 1);
        return v.get(lead + "1:2").neg().concat(v.get(lead + "0:1"), -1);
    }

    /** The dot product over the last axis, keeping it as size 1. */
    static NDArray dot(NDArray a, NDArray b) {
        return a.mul(b).sum(new int[] {-1}, true);
    }
}
