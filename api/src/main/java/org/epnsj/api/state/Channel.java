package org.epnsj.api.state;

/**
 * A named block of consecutive entries on a state's channel axis.
 *
 * @param name what the block holds, e.g. {@code "position"}
 * @param width how many entries it spans
 * @param role whether it is static, dynamic or derived
 */
public record Channel(String name, int width, ChannelRole role) {

    /** Validates the fields. */
    public Channel {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("channel name must not be blank");
        }
        if (width < 1) {
            throw new IllegalArgumentException("channel '" + name + "' width must be >= 1, got " + width);
        }
        if (role == null) {
            throw new IllegalArgumentException("channel '" + name + "' role must not be null");
        }
    }
}
