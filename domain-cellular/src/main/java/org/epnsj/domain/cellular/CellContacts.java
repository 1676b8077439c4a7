package org.epnsj.domain.cellular;

import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * The contact graph of the cells in one frame: cells are vertices, and two cells are joined when
 * some of their sites are 4-neighbours on the periodic lattice.
 */
public final class CellContacts {

    private final Graph<Integer, DefaultEdge> sameType = new SimpleGraph<>(DefaultEdge.class);
    private final Graph<Integer, DefaultEdge> all = new SimpleGraph<>(DefaultEdge.class);

    /**
     * Builds the graphs from a frame stored as (L, L, 2) = (cell id, type), row-major.
     *
     * @param frame the values
     * @param size the lattice side L
     */
    public CellContacts(float[] frame, int size) {
        if (frame.length != size * size * 2) {
            throw new IllegalArgumentException("a frame of a " + size + "x" + size + " lattice has " + (size * size * 2)
                    + " values, got " + frame.length);
        }
        for (int s = 0; s < size * size; s++) {
            int id = (int) frame[2 * s];
            if (id != 0) {
                sameType.addVertex(id);
                all.addVertex(id);
            }
        }
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                int s = r * size + c;
                // Right and down neighbours visit every 4-neighbour pair once.
                link(frame, s, r * size + (c + 1) % size);
                link(frame, s, ((r + 1) % size) * size + c);
            }
        }
    }

    private void link(float[] frame, int a, int b) {
        int ia = (int) frame[2 * a];
        int ib = (int) frame[2 * b];
        if (ia == 0 || ib == 0 || ia == ib) {
            return;
        }
        all.addEdge(ia, ib);
        if (frame[2 * a + 1] == frame[2 * b + 1]) {
            sameType.addEdge(ia, ib);
        }
    }

    /** The number of clusters of touching cells of the same type (falls as cells sort). */
    public int sameTypeClusters() {
        return new ConnectivityInspector<>(sameType).connectedSets().size();
    }

    /** The number of cells present. */
    public int cells() {
        return all.vertexSet().size();
    }

    /** The number of touching cell pairs. */
    public int contacts() {
        return all.edgeSet().size();
    }
}
