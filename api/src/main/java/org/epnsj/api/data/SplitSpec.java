package org.epnsj.api.data;

/**
 * How many trajectories of which length a data-set split holds.
 *
 * @param trajectories the number of trajectories
 * @param frames frames per trajectory
 * @param sharedInitialState whether all trajectories start from one shared x_0 (different noise),
 *     as the {@code test_same_init} split for distribution tests
 */
public record SplitSpec(int trajectories, int frames, boolean sharedInitialState) {

    /** Validates the counts. */
    public SplitSpec {
        if (trajectories < 0) {
            throw new IllegalArgumentException("trajectories must be >= 0, got " + trajectories);
        }
        if (frames < 2) {
            throw new IllegalArgumentException("frames must be >= 2, got " + frames);
        }
    }
}
