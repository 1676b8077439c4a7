package org.epnsj.runtime.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}, such as the body of an {@link AtomicFiles#write}.
 *
 * @param <T> the type of the consumed value
 */
@FunctionalInterface
public interface IoConsumer<T> {

    /** Consumes {@code value}. */
    void accept(T value) throws IOException;
}
