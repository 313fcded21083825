package io.typedipc.benchmarks.impl;

import io.typedipc.benchmarks.api.BenchApiSender;
import io.typedipc.benchmarks.api.Payload;
import io.typedipc.benchmarks.api.PayloadSize;
import io.typedipc.benchmarks.harness.Transport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Typed IPC through the sender the processor generated from {@code BenchApi}, optionally in direct mode. */
public final class TypedClient implements BenchClient {
    private final TypedSide side;
    private final BenchApiSender sender;
    private final Payload payload;
    private long sent;
    private final List<CompletableFuture<Payload>> inFlight = new ArrayList<>();

    public TypedClient(Transport transport, PayloadSize size, boolean direct) throws IOException {
        side = TypedSide.open(transport, true, direct);
        sender = new BenchApiSender(side.peer());
        payload = size.payload();
    }

    @Override
    public Object roundTrip() {
        return sender.echo(payload);
    }

    @Override
    public Object pipelined(int window) {
        inFlight.clear();
        for (int i = 0; i < window; i++) {
            inFlight.add(sender.echoAsync(payload));
        }
        Object last = null;
        for (CompletableFuture<Payload> future : inFlight) {
            last = future.join();
        }
        return last;
    }

    @Override
    public boolean asyncRoundTrips(long[] times) {
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            sender.echoAsync(payload).join();
            times[i] = System.nanoTime() - start;
        }
        return true;
    }

    @Override
    public Object oneWay(int count) {
        for (int i = 0; i < count; i++) {
            sender.sink(payload);
        }
        sent += count;
        long handled = sender.barrier();
        if (handled != sent) {
            throw new IllegalStateException("the server handled " + handled + " one-way messages, not " + sent);
        }
        return handled;
    }

    @Override
    public List<Long> processIds() {
        return side.processIds();
    }

    @Override
    public void close() throws Exception {
        side.close();
    }
}
