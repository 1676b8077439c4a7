package org.epnsj.domain.cellular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.group.DoubleTensor;
import org.junit.jupiter.api.Test;

class CellularPottsSimulatorTest {

    @Test
    void incrementalEnergyChangeEqualsFullRecomputation() {
        CellularPottsSimulator sim = new CellularPottsSimulator(CpmParameters.cpu());
        SplittableRandom rng = new SplittableRandom(4);
        CellularPottsSimulator.Lattice lattice = sim.blob(rng);
        lattice.run(5, rng);
        int sites = 32 * 32;
        int checked = 0;
        for (int i = 0; i < 3000; i++) {
            int target = rng.nextInt(sites);
            int newId = rng.nextInt(17);
            int oldId = lattice.id[target];
            if (newId == oldId) {
                continue;
            }
            double before = lattice.energy();
            double delta = lattice.delta(target, newId);
            lattice.id[target] = newId;
            lattice.volume[oldId]--;
            lattice.volume[newId]++;
            assertThat(lattice.energy() - before).as("proposal %d", i).isCloseTo(delta, within(1e-9));
            if (rng.nextBoolean()) {
                lattice.id[target] = oldId;
                lattice.volume[oldId]++;
                lattice.volume[newId]--;
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(2500);
    }

    @Test
    void volumesAreTrackedExactly() {
        CellularPottsSimulator sim = new CellularPottsSimulator(CpmParameters.cpu());
        SplittableRandom rng = new SplittableRandom(5);
        CellularPottsSimulator.Lattice lattice = sim.blob(rng);
        lattice.run(30, rng);
        int[] counted = new int[lattice.volume.length];
        for (int id : lattice.id) {
            counted[id]++;
        }
        assertThat(lattice.volume).containsExactly(counted);
        // Volumes stay near the target of 25 under the constraint (lambda 2, T 10).
        for (int cell = 1; cell < counted.length; cell++) {
            assertThat(counted[cell]).isBetween(10, 40);
        }
    }

    @Test
    void deterministicPerSeedWithTypesInEqualNumbers() {
        CellularPottsSimulator sim = new CellularPottsSimulator(CpmParameters.tiny());
        Trajectory a = sim.simulate(sim.initialState(new SplittableRandom(1)), 4, new SplittableRandom(2));
        Trajectory b = sim.simulate(sim.initialState(new SplittableRandom(1)), 4, new SplittableRandom(2));
        Trajectory c = sim.simulate(sim.initialState(new SplittableRandom(1)), 4, new SplittableRandom(3));
        assertThat(a.frame(3)).containsExactly(b.frame(3));
        assertThat(a.frame(3)).isNotEqualTo(c.frame(3));
        assertThat(a.frameShape()).containsExactly(16, 16, 2);
        DoubleTensor x0 = sim.initialState(new SplittableRandom(9));
        int[] typeCount = new int[5];
        boolean[] seen = new boolean[5];
        for (int s = 0; s < 256; s++) {
            int id = (int) x0.data()[2 * s];
            if (id > 0 && !seen[id]) {
                seen[id] = true;
                typeCount[(int) x0.data()[2 * s + 1]]++;
            }
        }
        assertThat(typeCount).containsExactly(0, 1, 1, 1, 1);
    }

    @Test
    void cellsSortOverARun() {
        // cpu preset, seed 11: same-type clusters counted with 4-connectivity on the torus.
        CellularPottsSimulator sim = new CellularPottsSimulator(CpmParameters.cpu());
        SplittableRandom rng = new SplittableRandom(11);
        Trajectory t = sim.simulate(sim.initialState(rng), 41, rng);
        int start = new CellContacts(t.frame(0), 32).sameTypeClusters();
        int end = new CellContacts(t.frame(40), 32).sameTypeClusters();
        System.out.println("same-type clusters: " + start + " at frame 0, " + end + " after 400 MCS");
        assertThat(end).isLessThan(start);
        assertThat(new CellContacts(t.frame(40), 32).cells()).isEqualTo(16);
    }

    @Test
    void badStatesAndParametersAreRejected() {
        CellularPottsSimulator sim = new CellularPottsSimulator(CpmParameters.tiny());
        assertThatThrownBy(() -> sim.simulate(DoubleTensor.zeros(8, 8, 2), 2, new SplittableRandom(1)))
                .hasMessageContaining("(16, 16, 2)");
        assertThatThrownBy(() -> CpmParameters.cellSorting(10, 16)).hasMessageContaining("does not fit");
        assertThatThrownBy(() -> CpmParameters.cellSorting(32, 15)).hasMessageContaining("perfect square");
    }
}
