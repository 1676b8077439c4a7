package org.epnsj.symmetry.e3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.epnsj.api.spi.SymmetryProvider;
import org.junit.jupiter.api.Test;

class E3xSnGroupTest {

    private static final double TOL = 1e-12;
    private final E3xSnGroup group = new E3xSnGroup(5);

    private List<E3xSnElement> elements() {
        List<E3xSnElement> all = new ArrayList<>(group.testingElements());
        RandomGenerator rng = RandomGeneratorFactory.of("L64X256MixRandom").create(11);
        for (int i = 0; i < 200; i++) {
            all.add(group.sample(rng));
        }
        return all;
    }

    @Test
    void identityIsNeutralAndInverseCancels() {
        E3xSnElement e = group.identity();
        for (E3xSnElement g : elements()) {
            assertThat(group.distance(group.compose(e, g), g)).isLessThan(TOL);
            assertThat(group.distance(group.compose(g, e), g)).isLessThan(TOL);
            assertThat(group.distance(group.compose(g, group.inverse(g)), e)).isLessThan(TOL);
            assertThat(group.distance(group.compose(group.inverse(g), g), e)).isLessThan(TOL);
        }
    }

    @Test
    void compositionIsAssociative() {
        List<E3xSnElement> all = elements();
        for (int i = 0; i < all.size(); i++) {
            E3xSnElement a = all.get(i);
            E3xSnElement b = all.get((i * 7 + 3) % all.size());
            E3xSnElement c = all.get((i * 13 + 5) % all.size());
            E3xSnElement left = group.compose(group.compose(a, b), c);
            E3xSnElement right = group.compose(a, group.compose(b, c));
            assertThat(group.distance(left, right)).as("a=%s b=%s c=%s", a, b, c).isLessThan(TOL);
        }
    }

    @Test
    void distanceSeparatesTestingElements() {
        List<E3xSnElement> t = group.testingElements();
        for (int i = 0; i < t.size(); i++) {
            for (int j = 0; j < t.size(); j++) {
                double d = group.distance(t.get(i), t.get(j));
                if (i == j) {
                    assertThat(d).isZero();
                } else {
                    assertThat(d).as("%s vs %s", t.get(i), t.get(j)).isGreaterThan(0.1);
                }
            }
        }
    }

    @Test
    void testingElementsCoverTheEdgeCases() {
        List<E3xSnElement> t = group.testingElements();
        assertThat(t.get(0)).isEqualTo(group.identity());
        assertThat(t).anyMatch(g -> g.determinant() < 0 && g.q(0, 0) == -1 && g.q(1, 1) == -1 && g.q(2, 2) == -1);
        assertThat(t).anyMatch(g -> g.permutationSupport() == 2);
        assertThat(t).anyMatch(g -> g.t()[0] != 0);
        assertThat(t).anyMatch(g -> g.determinant() < 0 && g.q(2, 2) == -1 && g.q(0, 0) == 1);
    }

    @Test
    void trailingFixedPointsDoNotChangeTheElement() {
        assertThat(E3xSnElement.permutation(1, 0, 2, 3)).isEqualTo(E3xSnElement.permutation(1, 0));
        assertThat(E3xSnElement.permutation(0, 1, 2)).isEqualTo(group.identity());
        assertThat(E3xSnElement.permutation(1, 0).permutation(4)).containsExactly(1, 0, 2, 3);
    }

    @Test
    void invalidElementsAreRejectedWithTheFieldName() {
        assertThatThrownBy(() -> E3xSnElement.permutation(0, 0)).hasMessageContaining("permutation");
        assertThatThrownBy(() -> E3xSnElement.orthogonal(new double[] {2, 0, 0, 0, 1, 0, 0, 0, 1}))
                .hasMessageContaining("q must be orthogonal");
        assertThatThrownBy(() -> new E3xSnElement(new double[8], new double[3], new int[0])).hasMessageContaining("q must have 9");
        assertThatThrownBy(() -> new E3xSnElement(Matrices3.identity(), new double[2], new int[0]))
                .hasMessageContaining("t must have 3");
        assertThatThrownBy(() -> E3xSnElement.translation(Double.NaN, 0, 0)).hasMessageContaining("t must be finite");
        assertThatThrownBy(() -> new E3xSnGroup(0)).hasMessageContaining("bodies");
    }

    /** Seed 2024, 20 000 samples: each entry of E[Q] is 0 with sd 1/sqrt(3·20000) ≈ 0.0041; 0.02 is about 5 sd. */
    @Test
    void haarSamplesAreCentredAndHalfImproper() {
        RandomGenerator rng = RandomGeneratorFactory.of("L64X256MixRandom").create(2024);
        int samples = 20_000;
        double[] mean = new double[9];
        double[] second = new double[9];
        int improper = 0;
        double maxTranslation = 0;
        boolean[][] seenSlot = new boolean[5][5];
        for (int s = 0; s < samples; s++) {
            E3xSnElement g = group.sample(rng);
            double[] q = g.q();
            double det = g.determinant();
            assertThat(Math.abs(Math.abs(det) - 1)).isLessThan(1e-12);
            if (det < 0) {
                improper++;
            }
            for (int k = 0; k < 9; k++) {
                mean[k] += q[k] / samples;
                second[k] += q[k] * q[k] / samples;
            }
            for (double t : g.t()) {
                maxTranslation = Math.max(maxTranslation, Math.abs(t));
            }
            int[] p = g.permutation(5);
            for (int i = 0; i < 5; i++) {
                seenSlot[i][p[i]] = true;
            }
        }
        for (int k = 0; k < 9; k++) {
            assertThat(mean[k]).as("E[Q_%d]", k).isBetween(-0.02, 0.02);
            // Haar: every entry has E[Q_ij²] = 1/3 (sd of the estimate ≈ 0.002).
            assertThat(second[k]).as("E[Q_%d²]", k).isBetween(1 / 3.0 - 0.01, 1 / 3.0 + 0.01);
        }
        // Binomial(20000, 1/2): sd ≈ 71, tolerance 400 (> 5 sd).
        assertThat(improper).isBetween(samples / 2 - 400, samples / 2 + 400);
        assertThat(maxTranslation).isLessThanOrEqualTo(E3xSnGroup.DEFAULT_TRANSLATION_SCALE).isGreaterThan(1.9);
        for (boolean[] row : seenSlot) {
            assertThat(row).containsOnly(true);
        }
    }

    @Test
    void providerIsRegistered() {
        List<SymmetryProvider<?>> found = ServiceLoader.load(SymmetryProvider.class).stream()
                .<SymmetryProvider<?>>map(ServiceLoader.Provider::get).filter(p -> p.id().equals("e3xsn")).toList();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).group()).isInstanceOf(E3xSnGroup.class);
        assertThat(found.get(0).parametersType()).isEqualTo(E3xSnParameters.class);
    }

    @Test
    void providerBuildsTheGroupOfItsParameters() {
        E3xSnSymmetryProvider provider = new E3xSnSymmetryProvider();
        E3xSnGroup three = provider.group(new E3xSnParameters(3, 0.5));
        assertThat(three.bodies()).isEqualTo(3);
        assertThat(three.id()).isEqualTo(provider.id());
        // Seed 3, 200 draws: translations stay within the given scale and permutations move 3 bodies at
        // most, and some move all 3 (4 of the 6 permutations do).
        SplittableRandom rng = new SplittableRandom(3);
        int widest = 0;
        for (int i = 0; i < 200; i++) {
            E3xSnElement g = three.sample(rng);
            assertThat(Arrays.stream(g.t()).map(Math::abs).max().orElseThrow()).isLessThanOrEqualTo(0.5);
            widest = Math.max(widest, g.permutationSupport());
        }
        assertThat(widest).isEqualTo(3);
        assertThat(provider.group().bodies()).as("default parameters").isEqualTo(E3xSnSymmetryProvider.DEFAULT_BODIES);
        assertThat(provider.defaultParameters()).isEqualTo(new E3xSnParameters(5, E3xSnGroup.DEFAULT_TRANSLATION_SCALE));
    }

    @Test
    void invalidParametersAreNamedWithTheirValue() {
        assertThatThrownBy(() -> new E3xSnParameters(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bodies must be >= 1, got 0");
        assertThatThrownBy(() -> new E3xSnParameters(5, Double.NaN))
                .hasMessage("translationScale must be finite and >= 0, got NaN");
        assertThatThrownBy(() -> new E3xSnParameters(5, -1)).hasMessage("translationScale must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> new E3xSnSymmetryProvider().group(null))
                .hasMessage("parameters of symmetry 'e3xsn' must be given, got null");
    }
}
