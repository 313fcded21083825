package io.typedipc.benchmarks.api;

import io.typedipc.Channel;
import java.util.concurrent.CompletableFuture;

/**
 * The channels every implementation serves, with the same ids and JSON shapes: {@code bench:echo} (blocking),
 * {@code bench:echo-async} (asynchronous), {@code bench:sink} (one-way) and {@code bench:barrier} (blocking; returns
 * how many one-way messages the server has received so far, which proves they were all handled).
 */
@Channel("bench")
public interface BenchApi {
    /** Replies with its argument. */
    Payload echo(Payload payload);

    /** Replies with its argument. */
    CompletableFuture<Payload> echoAsync(Payload payload);

    /** Counts the message; no reply. */
    void sink(Payload payload);

    /** How many {@code sink} messages the server has handled. */
    long barrier();
}
