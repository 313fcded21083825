package io.typedipc.benchmarks.impl;

import java.util.List;

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

    /**
     * The processes other than this JVM that take part in this implementation's calls (a child server), whose
     * threads' wake-ups count towards a round trip.
     */
    default List<Long> processIds() {
        return List.of();
    }

    /** Whether this JVM takes part in the calls (false when both ends run in other processes). */
    default boolean runsInThisProcess() {
        return true;
    }

    /** {@code times.length} blocking round trips, each one's duration in nanoseconds into {@code times}. */
    default void roundTrips(long[] times) throws Exception {
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            roundTrip();
            times[i] = System.nanoTime() - start;
        }
    }

    /**
     * {@code times.length} asynchronous requests, each awaited on this thread before the next is sent (Typed IPC:
     * {@code invoke} then {@code join}), each one's duration in nanoseconds into {@code times}; false, with nothing
     * measured, for implementations whose blocking call already is this (or that have no such API).
     */
    default boolean asyncRoundTrips(long[] times) throws Exception {
        return false;
    }

    /** {@code windows} times {@link #pipelined}; returns the nanoseconds taken. */
    default long pipelinedBlock(int window, int windows) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < windows; i++) {
            pipelined(window);
        }
        return System.nanoTime() - start;
    }

    /** {@code bursts} times {@link #oneWay}; returns the nanoseconds taken. */
    default long oneWayBlock(int count, int bursts) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < bursts; i++) {
            oneWay(count);
        }
        return System.nanoTime() - start;
    }
}
