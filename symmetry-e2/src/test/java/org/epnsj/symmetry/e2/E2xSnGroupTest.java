package org.epnsj.symmetry.e2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.epnsj.api.group.SymmetryKind;
import org.epnsj.api.spi.SymmetryProvider;
import org.junit.jupiter.api.Test;

/** What the kit's group laws do not say: the sampling distribution, the element kinds, validation. */
class E2xSnGroupTest {

    private final E2xSnGroup group = new E2xSnGroup(5);

    /**
     * Seed 2024, 40 000 samples. Haar on O(2): the angle of the first column is uniform, so the
     * first moments of cos and sin are 0 (sd of the estimate 1/sqrt(2·40000) ≈ 0.0035; tolerance 0.02,
     * over 5 sd) and E[cos²] = 1/2 (sd ≈ 0.0018; tolerance 0.01); a quarter of the angles fall in each
     * quadrant (binomial sd ≈ 87; tolerance 500); reflections are half the samples (sd 100; tolerance
     * 500); translations fill [-2, 2]²; every particle reaches every slot.
     */
    @Test
    void samplesAreHaarOnO2WithUniformTranslationsAndPermutations() {
        RandomGenerator rng = RandomGeneratorFactory.of("L64X256MixRandom").create(2024);
        int samples = 40_000;
        double meanCos = 0;
        double meanSin = 0;
        double meanCos2 = 0;
        int reflections = 0;
        int[] quadrant = new int[4];
        double maxTranslation = 0;
        boolean[][] slots = new boolean[5][5];
        for (int s = 0; s < samples; s++) {
            E2xSnElement g = group.sample(rng);
            double det = g.determinant();
            assertThat(Math.abs(Math.abs(det) - 1)).isLessThan(1e-12);
            reflections += det < 0 ? 1 : 0;
            double c = g.q(0, 0);
            double sn = g.q(1, 0);
            meanCos += c / samples;
            meanSin += sn / samples;
            meanCos2 += c * c / samples;
            double angle = Math.atan2(sn, c);
            quadrant[(int) Math.floor((angle + Math.PI) / (Math.PI / 2)) % 4]++;
            for (double t : g.t()) {
                maxTranslation = Math.max(maxTranslation, Math.abs(t));
            }
            int[] p = g.permutation(5);
            for (int i = 0; i < 5; i++) {
                slots[i][p[i]] = true;
            }
        }
        assertThat(meanCos).isBetween(-0.02, 0.02);
        assertThat(meanSin).isBetween(-0.02, 0.02);
        assertThat(meanCos2).isBetween(0.49, 0.51);
        for (int q : quadrant) {
            assertThat(q).isBetween(samples / 4 - 500, samples / 4 + 500);
        }
        assertThat(reflections).isBetween(samples / 2 - 500, samples / 2 + 500);
        assertThat(maxTranslation).isLessThanOrEqualTo(E2xSnGroup.DEFAULT_TRANSLATION_SCALE).isGreaterThan(1.9);
        for (boolean[] row : slots) {
            assertThat(row).containsOnly(true);
        }
    }

    @Test
    void composeFollowsTheLeftConventionOnPoints() {
        // First the quarter turn, then the shift: (1, 0) -> (0, 1) -> (0.5, -0.25).
        E2xSnElement g = group.compose(E2xSnElement.translation(0.5, -1.25), E2xSnElement.rotation(Math.PI / 2));
        double[] q = g.q();
        double[] t = g.t();
        assertThat(q[0] * 1 + t[0]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(q[2] * 1 + t[1]).isCloseTo(-0.25, org.assertj.core.data.Offset.offset(1e-15));
        // A reflection composed with itself is the identity; two reflections make a rotation by twice their angle.
        E2xSnElement m = E2xSnElement.reflection(0.3);
        assertThat(group.distance(group.compose(m, m), group.identity())).isLessThan(1e-15);
        E2xSnElement r = group.compose(E2xSnElement.reflection(0.5), E2xSnElement.reflection(0.2));
        assertThat(group.distance(r, E2xSnElement.rotation(0.6))).isLessThan(1e-15);
    }

    @Test
    void kindsNameWhatAnElementExercises() {
        assertThat(group.kinds(group.identity())).isEmpty();
        assertThat(group.kinds(E2xSnElement.rotation(0.4))).containsExactly(SymmetryKind.ROTATIONS);
        assertThat(group.kinds(E2xSnElement.reflection(0.4))).containsExactly(SymmetryKind.PARITY);
        assertThat(group.kinds(E2xSnElement.translation(0, 1e-3))).containsExactly(SymmetryKind.TRANSLATIONS);
        assertThat(group.kinds(E2xSnElement.permutation(0, 2, 1))).containsExactly(SymmetryKind.PERMUTATIONS);
        assertThat(group.kinds(group.compose(E2xSnElement.permutation(1, 0), E2xSnElement.reflection(0.1))))
                .isEqualTo(Set.of(SymmetryKind.PARITY, SymmetryKind.PERMUTATIONS));
    }

    @Test
    void testingElementsCoverEveryKindAndAreDistinct() {
        List<E2xSnElement> t = group.testingElements();
        assertThat(t.get(0)).isEqualTo(group.identity());
        for (SymmetryKind kind : SymmetryKind.values()) {
            assertThat(t).as(kind.toString()).anyMatch(g -> group.kinds(g).equals(Set.of(kind)));
        }
        // A non-involutive element: a map checked as g where g⁻¹ was meant is caught only by such an element.
        assertThat(t).anyMatch(g -> group.distance(group.compose(g, g), group.identity()) > 0.1);
        for (int i = 0; i < t.size(); i++) {
            for (int j = i + 1; j < t.size(); j++) {
                assertThat(group.distance(t.get(i), t.get(j))).as("%s vs %s", t.get(i), t.get(j)).isGreaterThan(0.1);
            }
        }
    }

    @Test
    void trailingFixedPointsDoNotChangeTheElement() {
        assertThat(E2xSnElement.permutation(1, 0, 2, 3)).isEqualTo(E2xSnElement.permutation(1, 0));
        assertThat(E2xSnElement.permutation(0, 1, 2)).isEqualTo(group.identity());
        assertThat(E2xSnElement.permutation(1, 0).permutation(4)).containsExactly(1, 0, 2, 3);
    }

    @Test
    void invalidElementsAreRejectedWithTheFieldName() {
        assertThatThrownBy(() -> E2xSnElement.permutation(0, 0)).hasMessageContaining("permutation");
        assertThatThrownBy(() -> E2xSnElement.orthogonal(new double[] {2, 0, 0, 1})).hasMessageContaining("q must be orthogonal");
        assertThatThrownBy(() -> new E2xSnElement(new double[3], new double[2], new int[0])).hasMessageContaining("q must have 4");
        assertThatThrownBy(() -> new E2xSnElement(new double[] {1, 0, 0, 1}, new double[3], new int[0]))
                .hasMessageContaining("t must have 2");
        assertThatThrownBy(() -> E2xSnElement.translation(Double.NaN, 0)).hasMessageContaining("t must be finite");
        assertThatThrownBy(() -> new E2xSnGroup(0)).hasMessageContaining("particles must be >= 1, got 0");
        assertThatThrownBy(() -> new E2xSnGroup(3, -1)).hasMessageContaining("translationScale");
    }

    @Test
    void providerIsRegistered() {
        List<SymmetryProvider<?>> found = ServiceLoader.load(SymmetryProvider.class).stream()
                .<SymmetryProvider<?>>map(ServiceLoader.Provider::get).filter(p -> p.id().equals(E2xSnGroup.ID)).toList();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).group()).isInstanceOf(E2xSnGroup.class);
        assertThat(found.get(0).parametersType()).isEqualTo(E2xSnParameters.class);
    }

    @Test
    void providerBuildsTheGroupOfItsParameters() {
        E2xSnSymmetryProvider provider = new E2xSnSymmetryProvider();
        E2xSnGroup three = provider.group(new E2xSnParameters(3, 0.5));
        assertThat(three.particles()).isEqualTo(3);
        assertThat(three.id()).isEqualTo(provider.id());
        // Seed 3, 200 draws: translations stay within the given scale, permutations move 3 particles at
        // most, and some move all 3 (4 of the 6 permutations do).
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        int widest = 0;
        for (int i = 0; i < 200; i++) {
            E2xSnElement g = three.sample(rng);
            assertThat(Math.max(Math.abs(g.t()[0]), Math.abs(g.t()[1]))).isLessThanOrEqualTo(0.5);
            widest = Math.max(widest, g.permutationSupport());
        }
        assertThat(widest).isEqualTo(3);
        assertThat(provider.group().particles()).isEqualTo(E2xSnSymmetryProvider.DEFAULT_PARTICLES);
        assertThat(provider.defaultParameters()).isEqualTo(new E2xSnParameters(8, E2xSnGroup.DEFAULT_TRANSLATION_SCALE));
    }

    @Test
    void invalidParametersAreNamedWithTheirValue() {
        assertThatThrownBy(() -> new E2xSnParameters(0)).hasMessage("particles must be >= 1, got 0");
        assertThatThrownBy(() -> new E2xSnParameters(4, Double.NaN))
                .hasMessage("translationScale must be finite and >= 0, got NaN");
        assertThatThrownBy(() -> new E2xSnSymmetryProvider().group(null))
                .hasMessage("parameters of symmetry 'e2xsn' must be given, got null");
    }
}
