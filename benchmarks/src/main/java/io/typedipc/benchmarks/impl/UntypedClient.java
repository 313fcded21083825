package io.typedipc.benchmarks.impl;

import io.typedipc.benchmarks.api.Payload;
import io.typedipc.benchmarks.api.PayloadSize;
import io.typedipc.benchmarks.harness.Transport;
import io.typedipc.runtime.IpcPeer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Typed IPC's untyped API ({@code sendSync}, {@code invoke}, {@code send}), against untyped handlers. */
public final class UntypedClient implements BenchClient {
    private final TypedSide side;
    private final IpcPeer renderer;
    private final Payload payload;
    private long sent;
    private final List<CompletableFuture<Object>> inFlight = new ArrayList<>();

    public UntypedClient(Transport transport, PayloadSize size) throws IOException {
        side = TypedSide.open(transport, false, false);
        renderer = side.peer();
        payload = size.payload();
    }

    @Override
    public Object roundTrip() {
        return renderer.sendSync("bench:echo", payload);
    }

    @Override
    public Object pipelined(int window) {
        inFlight.clear();
        for (int i = 0; i < window; i++) {
            inFlight.add(renderer.invoke("bench:echo-async", payload));
        }
        Object last = null;
        for (CompletableFuture<Object> future : inFlight) {
            last = future.join();
        }
        return last;
    }

    @Override
    public boolean asyncRoundTrips(long[] times) {
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            renderer.invoke("bench:echo-async", payload).join();
            times[i] = System.nanoTime() - start;
        }
        return true;
    }

    @Override
    public Object oneWay(int count) {
        for (int i = 0; i < count; i++) {
            renderer.send("bench:sink", payload);
        }
        sent += count;
        Object handled = renderer.sendSync("bench:barrier");
        if (!(handled instanceof Number number) || number.longValue() != sent) {
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
