package io.typedipc.runtime;

/** Undoes a registration: a handler, a listener, or a whole dispatcher. Closing twice does nothing. */
@FunctionalInterface
public interface Registration extends AutoCloseable {
    @Override
    void close();
}
