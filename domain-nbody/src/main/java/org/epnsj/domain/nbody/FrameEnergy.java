package org.epnsj.domain.nbody;

import java.util.Arrays;
import org.epnsj.api.data.Trajectory;

/**
 * Kinetic and Plummer-softened potential energy of one frame (spec §3.1): KE = ½ Σ m |v|²,
 * PE = −G Σ_{i&lt;j} m_i m_j / sqrt(r_ij² + ε²). A non-finite frame gives non-finite energies.
 *
 * @param kinetic the kinetic energy
 * @param potential the potential energy
 */
record FrameEnergy(double kinetic, double potential) {

    /** KE + PE. */
    double total() {
        return kinetic + potential;
    }

    /** The energies of a frame laid out (bodies, 7), with G and ε taken from {@code physics}. */
    static FrameEnergy of(float[] frame, NBodyConfig physics) {
        double[] s = NBodyDiagnostics.widen(frame);
        return new FrameEnergy(NBodyDiagnostics.kineticEnergy(s),
                NBodyDiagnostics.potentialEnergy(s, physics.gravity(), physics.softening()));
    }

    /** Rejects trajectories whose frames are not (bodies, 7): energies would silently read the wrong channels. */
    static void checkLayout(String split, Trajectory t) {
        long[] shape = t.frameShape();
        if (shape.length != 2 || shape[0] < 1 || shape[1] != NBodyDiagnostics.CHANNELS) {
            throw new IllegalArgumentException("split '" + split + "' has frames of shape " + Arrays.toString(shape)
                    + "; n-body frames must be (bodies, " + NBodyDiagnostics.CHANNELS
                    + ") with channels [m, x, y, z, vx, vy, vz]");
        }
    }
}
