package org.epnsj.symmetry.p4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.epnsj.api.spi.SymmetryProvider;
import org.junit.jupiter.api.Test;

/** The p4 provider builds the group of the lattice and labels it is given. */
class P4SymmetryProviderTest {

    private final P4SymmetryProvider provider = new P4SymmetryProvider();

    @Test
    void theGroupHasTheGivenLatticeAndLabels() {
        P4Group g = provider.group(new P4Parameters(8, 3));
        assertThat(g.size()).isEqualTo(8);
        assertThat(g.labels()).isEqualTo(3);
        assertThat(g.reflections()).isFalse();
        assertThat(g.id()).isEqualTo(provider.id());
        // Seed 5, 200 draws: shifts stay on the 8 x 8 torus and relabel at most labels 0..3.
        SplittableRandom rng = new SplittableRandom(5);
        int widestShift = 0;
        for (int i = 0; i < 200; i++) {
            GridSymmetry e = g.sample(rng);
            widestShift = Math.max(widestShift, Math.max(e.shiftRow(), e.shiftCol()));
            assertThat(e.labels().length).isLessThanOrEqualTo(4);
        }
        assertThat(widestShift).isEqualTo(7);
        // On a 2 x 2 torus with 2 labels: 4 quarter turns x 4 shifts x 2! relabellings.
        assertThat(provider.group(new P4Parameters(2, 2)).order()).hasValue(4L * 4 * 2);
    }

    @Test
    void theDefaultIsTheCellularCpuPresetsGroupAndListingsFindIt() {
        assertThat(provider.defaultParameters()).isEqualTo(new P4Parameters(32, 16));
        assertThat(provider.group().size()).isEqualTo(32);
        assertThat(provider.group().labels()).isEqualTo(16);
        List<SymmetryProvider<?>> found = ServiceLoader.load(SymmetryProvider.class).stream()
                .<SymmetryProvider<?>>map(ServiceLoader.Provider::get).filter(p -> p.id().equals("p4")).toList();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).parametersType()).isEqualTo(P4Parameters.class);
    }

    @Test
    void invalidParametersAreNamedWithTheirValue() {
        assertThatThrownBy(() -> new P4Parameters(0, 16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size (the lattice side) must be >= 1, got 0");
        assertThatThrownBy(() -> new P4Parameters(32, -1)).hasMessage("labels must be >= 0, got -1");
        assertThatThrownBy(() -> provider.group(null)).hasMessage("parameters of symmetry 'p4' must be given, got null");
    }
}
