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

    /** The peer sends {@code $/ping} to main (as a notification, then with no, empty and other params). */
    CompletableFuture<PingReport> pingMain();

    /**
     * The peer sends {@code interop:hold} with {@code tag} and at once a {@code $/ping}, and returns the replies in
     * the order they arrived ("hold: ...", "ping: {}").
     */
    CompletableFuture<List<String>> pingBehindHold(String tag);

    /** The connection errors vscode-jsonrpc reported to the peer so far. */
    CompletableFuture<List<String>> errors();
}
