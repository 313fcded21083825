package io.typedipc.benchmarks.impl;

import io.typedipc.benchmarks.api.BenchApi;
import io.typedipc.benchmarks.api.Payload;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Typed IPC's server: the plain implementation the generated dispatcher calls. */
final class BenchService implements BenchApi {
    private final AtomicLong sinks = new AtomicLong();

    @Override
    public Payload echo(Payload payload) {
        return payload;
    }

    @Override
    public CompletableFuture<Payload> echoAsync(Payload payload) {
        return CompletableFuture.completedFuture(payload);
    }

    @Override
    public void sink(Payload payload) {
        sinks.incrementAndGet();
    }

    @Override
    public long barrier() {
        return sinks.get();
    }
}
