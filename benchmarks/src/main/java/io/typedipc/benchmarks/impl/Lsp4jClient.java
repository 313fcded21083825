package io.typedipc.benchmarks.impl;

import io.typedipc.benchmarks.api.Payload;
import io.typedipc.benchmarks.api.PayloadSize;
import io.typedipc.benchmarks.harness.ChildProcess;
import io.typedipc.benchmarks.harness.MemoryPipe;
import io.typedipc.benchmarks.harness.Transport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;

/** Eclipse LSP4J (reflection proxies, Gson) over the same pipes and sockets; in process, over in-memory pipes. */
public final class Lsp4jClient implements BenchClient {
    private final Payload payload;
    private final Lsp4jApi remote;
    private final Future<Void> listening;
    private ChildProcess child;
    private MemoryPipe toServer;
    private MemoryPipe toClient;
    private final ExecutorService pool = Lsp4jServer.daemonPool();
    private long sent;
    private final List<CompletableFuture<Payload>> inFlight = new ArrayList<>();

    public Lsp4jClient(Transport transport, PayloadSize size) throws IOException {
        payload = size.payload();
        Launcher<Lsp4jApi> launcher;
        if (transport == Transport.INPROC) {
            toServer = new MemoryPipe(1 << 20);
            toClient = new MemoryPipe(1 << 20);
            Lsp4jServer.serve(toServer.in(), toClient.out(), pool);
            launcher = Launcher.createLauncher(new Object(), Lsp4jApi.class, toClient.in(), toServer.out(), pool, null);
        } else {
            child = ChildProcess.launch(transport, Lsp4jServer.class);
            launcher = Launcher.createLauncher(new Object(), Lsp4jApi.class, Lsp4jServer.buffered(child.endpoint().in()),
                    Lsp4jServer.buffered(child.endpoint().out()), pool, null);
        }
        listening = launcher.startListening();
        remote = launcher.getRemoteProxy();
    }

    @Override
    public Object roundTrip() throws Exception {
        return remote.echo(payload).get();
    }

    @Override
    public Object pipelined(int window) throws Exception {
        inFlight.clear();
        for (int i = 0; i < window; i++) {
            inFlight.add(remote.echoAsync(payload));
        }
        Object last = null;
        for (CompletableFuture<Payload> future : inFlight) {
            last = future.get();
        }
        return last;
    }

    @Override
    public Object oneWay(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            remote.sink(payload);
        }
        sent += count;
        long handled = remote.barrier().get();
        if (handled != sent) {
            throw new IllegalStateException("the server handled " + handled + " one-way messages, not " + sent);
        }
        return handled;
    }

    @Override
    public List<Long> processIds() {
        return child == null ? List.of() : List.of(child.process().pid());
    }

    @Override
    public void close() throws Exception {
        // Close the streams first: cancelling LSP4J's reader interrupts it, and an interrupt closes a socket channel.
        if (child != null) {
            child.close();
        } else {
            toServer.out().close();
            toClient.out().close();
        }
        listening.cancel(true);
        pool.shutdownNow();
    }
}
