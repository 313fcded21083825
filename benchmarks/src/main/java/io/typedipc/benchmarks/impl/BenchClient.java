package io.typedipc.benchmarks.impl;

/** One implementation's client side, connected to its server over one transport. */
public interface BenchClient {

    /** One blocking echo round trip; returns something derived from the reply (for the blackhole). */
    Object roundTrip() throws Exception;

    /** {@code window} asynchronous echo requests in flight at once, then waits for all their replies. */
    Object pipelined(int window) throws Exception;

    /** {@code count} one-way messages, then one barrier request whose reply proves the server handled them all. */
    Object oneWay(int count) throws Exception;

    /** Disconnects and stops the server. */
    void close() throws Exception;
}
