package org.epnsj.domain.cellular;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.GroundTruthSimulator;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.group.DoubleTensor;

/**
 * The Cellular Potts model of cell sorting (spec D3) on a periodic L x L lattice: Metropolis copy
 * attempts over the second-order (8-site) neighbourhood with contact energies and a quadratic volume
 * constraint, energy changes computed incrementally. States are (L, L, 2) grids of (cell id, cell
 * type); the initial state is a centred blob of square cells with types in equal numbers, relaxed
 * for {@code relaxationMcs} Monte Carlo steps, and a frame is recorded every {@code mcsPerFrame} MCS.
 * One MCS is L^2 copy attempts. Deterministic for a given generator state.
 */
public final class CellularPottsSimulator implements GroundTruthSimulator {

    // Row and column offsets of the 8 neighbours.
    private static final int[] DR = {-1, -1, -1, 0, 0, 1, 1, 1};
    private static final int[] DC = {-1, 0, 1, -1, 1, -1, 0, 1};

    private final CpmParameters p;
    private final int sites;
    private final int[] neighbours;
    private final double[][] contact;

    /** Creates a simulator with the given parameters. */
    public CellularPottsSimulator(CpmParameters parameters) {
        this.p = parameters;
        int n = parameters.size();
        this.sites = n * n;
        this.neighbours = new int[sites * 8];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                for (int k = 0; k < 8; k++) {
                    neighbours[(r * n + c) * 8 + k] = Math.floorMod(r + DR[k], n) * n + Math.floorMod(c + DC[k], n);
                }
            }
        }
        this.contact = new double[parameters.types() + 1][parameters.types() + 1];
        for (int a = 0; a <= parameters.types(); a++) {
            for (int b = 0; b <= parameters.types(); b++) {
                contact[a][b] = parameters.contact(a, b);
            }
        }
    }

    /** The model parameters as a record. */
    public CpmParameters cpm() {
        return p;
    }

    /** A mutable lattice: cell id per site, type per cell id, volume per cell id. */
    final class Lattice {
        final int[] id;
        final int[] typeOf;
        final int[] volume;

        Lattice(int[] id, int[] typeOf) {
            this.id = id;
            this.typeOf = typeOf;
            this.volume = new int[typeOf.length];
            for (int s : id) {
                volume[s]++;
            }
        }

        /** The energy change of copying {@code source}'s id into {@code target}. */
        double delta(int target, int newId) {
            int oldId = id[target];
            int oldType = typeOf[oldId];
            int newType = typeOf[newId];
            double before = 0;
            double after = 0;
            int base = target * 8;
            for (int k = 0; k < 8; k++) {
                int other = id[neighbours[base + k]];
                int otherType = typeOf[other];
                if (other != oldId) {
                    before += contact[oldType][otherType];
                }
                if (other != newId) {
                    after += contact[newType][otherType];
                }
            }
            double dh = after - before;
            if (oldId != 0) {
                dh += p.lambdaVolume() * (1 - 2 * (volume[oldId] - p.targetVolume()));
            }
            if (newId != 0) {
                dh += p.lambdaVolume() * (1 + 2 * (volume[newId] - p.targetVolume()));
            }
            return dh;
        }

        /** One copy attempt; returns whether it was accepted. */
        boolean attempt(RandomGenerator rng) {
            int target = rng.nextInt(sites);
            int source = neighbours[target * 8 + rng.nextInt(8)];
            int newId = id[source];
            int oldId = id[target];
            if (newId == oldId) {
                return false;
            }
            double dh = delta(target, newId);
            if (dh > 0 && rng.nextDouble() >= Math.exp(-dh / p.temperature())) {
                return false;
            }
            id[target] = newId;
            volume[oldId]--;
            volume[newId]++;
            return true;
        }

        /** Runs {@code mcs} Monte Carlo steps. */
        void run(int mcs, RandomGenerator rng) {
            long attempts = (long) mcs * sites;
            for (long a = 0; a < attempts; a++) {
                attempt(rng);
            }
        }

        /** The full Hamiltonian: each unordered neighbour pair once, plus the volume term. */
        double energy() {
            double h = 0;
            for (int s = 0; s < sites; s++) {
                for (int k = 0; k < 8; k++) {
                    int o = neighbours[s * 8 + k];
                    if (id[o] != id[s]) {
                        h += contact[typeOf[id[s]]][typeOf[id[o]]];
                    }
                }
            }
            h /= 2;
            for (int cell = 1; cell < volume.length; cell++) {
                double d = volume[cell] - p.targetVolume();
                h += p.lambdaVolume() * d * d;
            }
            return h;
        }

        DoubleTensor toTensor() {
            double[] d = new double[sites * 2];
            for (int s = 0; s < sites; s++) {
                d[2 * s] = id[s];
                d[2 * s + 1] = typeOf[id[s]];
            }
            return new DoubleTensor(new long[] {p.size(), p.size(), 2}, d);
        }

        void copyFrame(float[] out, int offset) {
            for (int s = 0; s < sites; s++) {
                out[offset + 2 * s] = id[s];
                out[offset + 2 * s + 1] = typeOf[id[s]];
            }
        }
    }

    /** The unrelaxed blob: square cells tiled at the centre, types shuffled in equal numbers. */
    Lattice blob(RandomGenerator rng) {
        int n = p.size();
        int perSide = (int) Math.round(Math.sqrt(p.cells()));
        int extent = perSide * p.cellSide();
        int origin = (n - extent) / 2;
        int[] id = new int[sites];
        for (int i = 0; i < perSide; i++) {
            for (int j = 0; j < perSide; j++) {
                int cell = i * perSide + j + 1;
                for (int r = 0; r < p.cellSide(); r++) {
                    for (int c = 0; c < p.cellSide(); c++) {
                        id[(origin + i * p.cellSide() + r) * n + origin + j * p.cellSide() + c] = cell;
                    }
                }
            }
        }
        List<Integer> types = new ArrayList<>();
        for (int cell = 0; cell < p.cells(); cell++) {
            types.add(1 + cell % p.types());
        }
        Collections.shuffle(types, new java.util.Random(rng.nextLong()));
        int[] typeOf = new int[p.cells() + 1];
        for (int cell = 1; cell <= p.cells(); cell++) {
            typeOf[cell] = types.get(cell - 1);
        }
        return new Lattice(id, typeOf);
    }

    /** Reads a state (L, L, 2) back into a lattice. */
    Lattice lattice(DoubleTensor state) {
        long[] shape = state.shape();
        if (shape.length != 3 || shape[0] != p.size() || shape[1] != p.size() || shape[2] != 2) {
            throw new IllegalArgumentException("expected a cell state of shape (" + p.size() + ", " + p.size()
                    + ", 2), got " + java.util.Arrays.toString(shape));
        }
        int[] id = new int[sites];
        int[] typeOf = new int[p.cells() + 1];
        double[] d = state.data();
        for (int s = 0; s < sites; s++) {
            id[s] = (int) d[2 * s];
            if (id[s] < 0 || id[s] > p.cells()) {
                throw new IllegalArgumentException("cell id " + id[s] + " at site " + s + " outside 0.." + p.cells());
            }
            typeOf[id[s]] = (int) d[2 * s + 1];
        }
        return new Lattice(id, typeOf);
    }

    @Override
    public DoubleTensor initialState(RandomGenerator rng) {
        Lattice lattice = blob(rng);
        lattice.run(p.relaxationMcs(), rng);
        return lattice.toTensor();
    }

    @Override
    public Trajectory simulate(DoubleTensor initial, int frames, RandomGenerator rng) {
        Lattice lattice = lattice(initial);
        float[] data = new float[frames * sites * 2];
        lattice.copyFrame(data, 0);
        for (int t = 1; t < frames; t++) {
            lattice.run(p.mcsPerFrame(), rng);
            lattice.copyFrame(data, t * sites * 2);
        }
        return new FloatTrajectory(new long[] {p.size(), p.size(), 2}, frames, data);
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", p.size());
        m.put("cells", p.cells());
        m.put("cellSide", p.cellSide());
        m.put("types", p.types());
        m.put("jSameType", p.jSameType());
        m.put("jDifferentType", p.jDifferentType());
        m.put("jCellMedium", p.jCellMedium());
        m.put("lambdaVolume", p.lambdaVolume());
        m.put("targetVolume", p.targetVolume());
        m.put("temperature", p.temperature());
        m.put("neighbourhood", "second order (8 sites)");
        m.put("boundary", "periodic");
        m.put("relaxationMcs", p.relaxationMcs());
        m.put("mcsPerFrame", p.mcsPerFrame());
        return m;
    }
}
