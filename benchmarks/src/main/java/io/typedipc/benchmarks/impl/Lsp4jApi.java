package io.typedipc.benchmarks.impl;

import io.typedipc.benchmarks.api.Payload;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/** The same four channels, declared the LSP4J way (its proxies are built by reflection at run time). */
public interface Lsp4jApi {
    @JsonRequest(value = "bench:echo", useSegment = false)
    CompletableFuture<Payload> echo(Payload payload);

    @JsonRequest(value = "bench:echo-async", useSegment = false)
    CompletableFuture<Payload> echoAsync(Payload payload);

    @JsonNotification(value = "bench:sink", useSegment = false)
    void sink(Payload payload);

    @JsonRequest(value = "bench:barrier", useSegment = false)
    CompletableFuture<Long> barrier();
}
