package org.epnsj.runtime.rollout;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A share of an ensemble of rollouts: members {@code firstMember .. firstMember + members - 1}, all
 * starting from one state. Plain values, so it can be sent to another machine; its result depends on
 * nothing else but the model and the readout (see {@link EnsembleNoise}).
 *
 * @param start the start state, one frame
 * @param frameShape the frame's shape
 * @param steps model steps
 * @param ensembleSeed the seed of the whole ensemble's noise
 * @param firstMember the first member, a multiple of {@link EnsembleNoise#CHUNK}
 * @param members how many members
 */
public record EnsembleChunk(float[] start, long[] frameShape, int steps, long ensembleSeed, int firstMember,
        int members) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Validates the share. */
    public EnsembleChunk {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        new EnsembleNoise(ensembleSeed, firstMember, members); // validates firstMember and members
    }

    /** An ensemble of {@code samples} members split into chunks of {@link EnsembleNoise#CHUNK} members. */
    public static List<EnsembleChunk> split(float[] start, long[] frameShape, int steps, int samples,
            long ensembleSeed) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1, got " + samples);
        }
        List<EnsembleChunk> chunks = new ArrayList<>();
        for (int first = 0; first < samples; first += EnsembleNoise.CHUNK) {
            chunks.add(new EnsembleChunk(start, frameShape, steps, ensembleSeed, first,
                    Math.min(EnsembleNoise.CHUNK, samples - first)));
        }
        return chunks;
    }

    /**
     * The result of a chunk: its members' frames, or the model step at which a state became non-finite.
     *
     * @param frames members x (steps + 1) frames, one after another; null if diverged
     * @param divergedStep 0 if every state stayed finite, else the first non-finite step
     */
    public record Result(float[] frames, int divergedStep) implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
