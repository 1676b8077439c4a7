package org.epnsj.api.state;

import java.util.Arrays;
import java.util.List;

/**
 * The shape and meaning of one state x_t of a domain (one sample, no batch axis).
 *
 * <p>The last axis is the channel axis; {@link #channels()} partitions it into named blocks.
 *
 * @param name the state's name, e.g. {@code "n-body"}
 * @param shape the per-sample shape, channel axis last (dimensions may be -1 when they vary
 *     between data sets, e.g. the number of bodies)
 * @param channels the blocks of the channel axis, in order
 * @param boundary the boundary semantics of the spatial part
 */
public record StateSchema(String name, long[] shape, List<Channel> channels, Boundary boundary) {

    /** Validates that the channel blocks cover the channel axis exactly. */
    public StateSchema {
        if (shape.length == 0) {
            throw new IllegalArgumentException("state '" + name + "' needs at least a channel axis");
        }
        channels = List.copyOf(channels);
        int width = channels.stream().mapToInt(Channel::width).sum();
        if (shape[shape.length - 1] != width) {
            throw new IllegalArgumentException("state '" + name + "': channels cover " + width
                    + " entries but the channel axis has " + shape[shape.length - 1]);
        }
        shape = shape.clone();
    }

    /** The width of the channel axis. */
    public int channelCount() {
        return Math.toIntExact(shape[shape.length - 1]);
    }

    /** The offset of the named block on the channel axis. */
    public int offsetOf(String channel) {
        int offset = 0;
        for (Channel c : channels) {
            if (c.name().equals(channel)) {
                return offset;
            }
            offset += c.width();
        }
        throw new IllegalArgumentException("state '" + name + "' has no channel '" + channel
                + "'; channels: " + channels.stream().map(Channel::name).toList());
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateSchema s && name.equals(s.name) && Arrays.equals(shape, s.shape)
                && channels.equals(s.channels) && boundary == s.boundary;
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + Arrays.hashCode(shape)) * 31 + channels.hashCode();
    }

    @Override
    public String toString() {
        return "StateSchema[" + name + ", shape=" + Arrays.toString(shape) + ", channels=" + channels
                + ", boundary=" + boundary + "]";
    }
}
