package io.typedipc.interop;

import io.typedipc.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Channels the Node.js peer (node/peer.js) serves and Java calls through the generated sender. */
@Channel("node")
public interface NodeService {
    CompletableFuture<Integer> multiply(int a, int b);

    /** One-way to the peer. */
    void log(String line);

    /** What {@link #log} delivered so far. */
    CompletableFuture<List<String>> logged();

    /** The peer answers with a JSON-RPC error of its own. */
    CompletableFuture<String> fail(String why);

    /** The peer calls every {@link JavaService} channel and reports what it got. */
    CompletableFuture<ScenarioReport> runScenario();
}
