package org.epnsj.symmetry.e2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.api.Test;

/** Known answers of the actions; the kit's conformance test checks the laws and the array form. */
class PlanarParticleActionTest {

    private static final int N = 3;
    private final E2xSnGroup group = new E2xSnGroup(N);
    private final PlanarParticleAction action = PlanarParticleAction.positionsAndVelocities(group, "state");

    private static DoubleTensor state(double... values) {
        return new DoubleTensor(new long[] {N, 4}, values);
    }

    @Test
    void positionsMoveAsPointsAndVelocitiesAsVectors() {
        // Particle 0 at (1, 2) moving (3, 4); quarter turn, then shift by (10, 20), then swap particles 0 and 1.
        E2xSnElement g = group.compose(E2xSnElement.permutation(1, 0),
                group.compose(E2xSnElement.translation(10, 20), E2xSnElement.rotation(Math.PI / 2)));
        double[] out = action.act(g, state(1, 2, 3, 4, 0, 0, 0, 0, 5, 6, 7, 8)).data();
        // Particle 0 is now in slot 1: R(1, 2) + t = (-2, 1) + t, R(3, 4) = (-4, 3).
        double[] slot1 = {out[4], out[5], out[6], out[7]};
        assertThat(slot1).containsExactly(new double[] {8, 21, -4, 3}, org.assertj.core.data.Offset.offset(1e-12));
        // Particle 1 (at rest at the origin) is in slot 0: only the translation shows.
        assertThat(new double[] {out[0], out[1], out[2], out[3]})
                .containsExactly(new double[] {10, 20, 0, 0}, org.assertj.core.data.Offset.offset(1e-12));
        // Particle 2 stays in its slot, rotated and shifted.
        assertThat(new double[] {out[8], out[9], out[10], out[11]})
                .containsExactly(new double[] {4, 25, -8, 7}, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aMirrorFlipsOneComponentOfPointsAndVectors() {
        double[] out = action.act(E2xSnElement.orthogonal(new double[] {-1, 0, 0, 1}),
                state(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)).data();
        assertThat(out).containsExactly(-1, 2, -3, 4, -5, 6, -7, 8, -9, 10, -11, 12);
    }

    @Test
    void invariantChannelsAndPermutationOnlyFeaturesKeepTheirValues() {
        PlanarParticleAction withCharge = new PlanarParticleAction(group, "charged", 5, new int[] {1}, new int[] {3});
        E2xSnElement g = group.compose(E2xSnElement.permutation(2, 0, 1), E2xSnElement.rotation(0.7));
        double[] in = {9, 1, 0, 1, 0, 8, 0, 0, 0, 0, 7, 0, 0, 0, 0};
        double[] out = withCharge.act(g, new DoubleTensor(new long[] {N, 5}, in)).data();
        // Particle i goes to slot (2, 0, 1)[i]; channel 0 is invariant.
        assertThat(new double[] {out[10], out[0], out[5]}).containsExactly(9, 8, 7);
        ParticlePermutationAction features = new ParticlePermutationAction(group, "latent");
        double[] f = features.act(g, new DoubleTensor(new long[] {N, 2}, new double[] {1, 2, 3, 4, 5, 6})).data();
        assertThat(f).containsExactly(3, 4, 5, 6, 1, 2);
    }

    @Test
    void pseudoScalarColumnsChangeSignUnderReflectionsOnly() {
        ParticlePermutationAction handed = new ParticlePermutationAction(group, "latent", 1);
        DoubleTensor z = new DoubleTensor(new long[] {N, 2}, new double[] {1, 2, 3, 4, 5, 6});
        E2xSnElement mirror = group.compose(E2xSnElement.permutation(2, 0, 1), E2xSnElement.reflection(0.3));
        assertThat(handed.act(mirror, z).data()).containsExactly(3, -4, 5, -6, 1, -2);
        E2xSnElement proper = group.compose(E2xSnElement.permutation(2, 0, 1), E2xSnElement.rotation(0.3));
        assertThat(handed.act(proper, z).data()).containsExactly(3, 4, 5, 6, 1, 2);
        // Two mirrors make a rotation: the signs come back.
        E2xSnElement twice = group.compose(E2xSnElement.reflection(0.3), E2xSnElement.reflection(1.1));
        assertThat(handed.act(twice, z).data()).containsExactly(1, 2, 3, 4, 5, 6);
        try (NDManager m = Engines.newManager(Engines.PYTORCH, DeviceKind.CPU)) {
            NDArray batch = m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(1, N, 2));
            assertThat(handed.act(mirror, batch).toFloatArray()).containsExactly(3, -4, 5, -6, 1, -2);
        }
        assertThatThrownBy(() -> new ParticlePermutationAction(group, "latent", 3).act(mirror, z))
                .hasMessageContaining("2 columns, fewer than its 3 pseudo-scalar columns");
        assertThatThrownBy(() -> new ParticlePermutationAction(group, "latent", -1)).hasMessageContaining("pseudoScalars");
    }

    @Test
    void rejectsWrongShapesOverlapsAndTooSmallStates() {
        assertThatThrownBy(() -> action.act(group.identity(), DoubleTensor.zeros(3, 5))).hasMessageContaining("(n, 4)");
        assertThatThrownBy(() -> action.act(E2xSnElement.permutation(1, 2, 3, 0), DoubleTensor.zeros(3, 4)))
                .hasMessageContaining("n = 3");
        assertThatThrownBy(() -> new PlanarParticleAction(group, "bad", 4, new int[] {0}, new int[] {1}))
                .hasMessageContaining("channel 1 is in two blocks");
        assertThatThrownBy(() -> new PlanarParticleAction(group, "bad", 4, new int[] {3}, new int[0]))
                .hasMessageContaining("block offset 3 does not fit in 4 channels");
    }
}
