package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Encodings of batched cell states (B, L, L, 2) = (cell id, cell type) for the models. None carries a gradient. */
final class CellStates {

    private CellStates() {}

    /** Checks a batch of square cell grids and returns L. */
    static int side(NDArray state) {
        Shape s = state.getShape();
        if (s.dimension() != 4 || s.get(1) != s.get(2) || s.get(3) != 2) {
            throw new IllegalArgumentException("expected cell states of shape (B, L, L, 2), got " + s);
        }
        return (int) s.get(1);
    }

    /**
     * Checks that every cell id of the batch has a node: a larger id would get an all-zero one-hot
     * encoding and silently no probability.
     */
    static void checkIds(NDArray state, int nodes) {
        side(state);
        double max = ids(state).max().toType(DataType.FLOAT64, false).getDouble();
        if (max >= nodes) {
            throw new IllegalArgumentException("cell id " + (long) max + " in the input, but the model has nodes for ids 0.."
                    + (nodes - 1) + " only: use the preset that matches the data");
        }
    }

    /** The one-hot encoding of the labels in {@code labels} (B, L, L) over {@code classes} on a new axis 1. */
    static NDArray oneHot(NDArray labels, int classes) {
        NDArray ids = labels.getManager().arange(0, classes, 1, labels.getDataType()).reshape(1, classes, 1, 1);
        return labels.expandDims(1).eq(ids).toType(labels.getDataType(), false);
    }

    /** The cell-id channel (B, L, L). */
    static NDArray ids(NDArray state) {
        return state.get("..., 0");
    }

    /** The cell-type channel (B, L, L). */
    static NDArray types(NDArray state) {
        return state.get("..., 1");
    }

    /**
     * Node features (B N, 1 + typeClasses, L, L): for node n of each sample, the mask of cell id n
     * followed by the one-hot type map of the whole grid (the same for every node of a sample).
     */
    static NDArray nodeFeatures(NDArray state, int nodes, int typeClasses) {
        int side = side(state);
        long batch = state.getShape().get(0);
        NDArray masks = oneHot(ids(state), nodes).expandDims(2);
        NDArray typeMap = oneHot(types(state), typeClasses).expandDims(1).repeat(1, nodes);
        return NDArrays.concat(new NDList(masks, typeMap), 2).reshape(batch * nodes, 1L + typeClasses, side, side)
                .stopGradient();
    }

    /** The type of each cell id (B, nodes), read off the grid; an id that is absent gets type 0. */
    static NDArray nodeTypes(NDArray state, int nodes) {
        int side = side(state);
        long batch = state.getShape().get(0);
        NDArray typed = oneHot(ids(state), nodes).mul(types(state).expandDims(1));
        return typed.reshape(batch, nodes, (long) side * side).max(new int[] {2}).stopGradient();
    }

    /** States (B, L, L, 2) from an id map (B, L, L) and the types of the ids (B, nodes). */
    static NDArray withTypes(NDArray ids, NDArray nodeTypes) {
        int nodes = (int) nodeTypes.getShape().get(1);
        NDArray types = oneHot(ids, nodes).mul(nodeTypes.expandDims(-1).expandDims(-1)).sum(new int[] {1});
        return NDArrays.stack(new NDList(ids, types), -1).stopGradient();
    }
}
