package io.typedipc.runtime;

import java.time.Duration;

/**
 * What {@link IpcPeer#ping} found: the peer answered, and how long the round trip took.
 *
 * @param roundTrip from just before the {@code $/ping} request was sent until its reply arrived on this context's
 *     link (before it is handed to the dispatch thread), so it measures the link and the peer — including the
 *     peer's queue of earlier messages, which a {@code $/ping} waits behind like any request — not this context's
 *     own queue
 * @param supported whether the peer's runtime knows {@code $/ping}; {@code false} when it answered
 *     {@code -32601} (method not found), as a Typed IPC runtime older than ping, or any other JSON-RPC peer, does,
 *     or answered with a result that is not an object (LSP4J answers unknown {@code $/} requests with {@code null}):
 *     it is alive and reading, and the round trip went through its method lookup instead
 */
public record PingResult(Duration roundTrip, boolean supported) {
}
