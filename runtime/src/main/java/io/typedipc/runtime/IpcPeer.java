package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The other end of a connection, to which messages can be sent: the main context as seen from a renderer (the
 * {@link IpcRenderer} itself, as with Electron's {@code ipcRenderer}), or one renderer as seen from main (a
 * {@link RendererHandle}, like Electron's {@code webContents}). Generated senders call the typed methods.
 */
public interface IpcPeer extends OneWayPeer {

    /**
     * Sends a request and blocks until the reply or the context's default deadline (Electron's {@code sendSync}).
     * Results arrive as JSON's natural Java types: maps, lists, strings, numbers, booleans and nulls.
     */
    default Object sendSync(String channel, Object... args) {
        return sendSync(channel, CallOptions.DEFAULT, args);
    }

    /**
     * As {@link #sendSync(String, Object...)}, with options for this call:
     * {@code peer.sendSync("asset-db:query-info", CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(2)), uuid)}.
     * The deadline is {@code options}' if it has one, else the context's default, and passes as every deadline does
     * ({@link IpcTimeoutException}, {@code $/cancelRequest} to the peer).
     *
     * <p>The options come before the arguments: a first argument whose static type is {@code CallOptions}, or a
     * literal {@code null} first argument followed by more, is taken as the options — write {@code (Object) null} to
     * send a {@code null} first argument then.
     *
     * @throws NullPointerException if {@code options} is {@code null}
     */
    Object sendSync(String channel, CallOptions options, Object... args);

    /** Sends a request whose future completes with the reply (Electron's {@code invoke}). */
    default CompletableFuture<Object> invoke(String channel, Object... args) {
        return invoke(channel, CallOptions.DEFAULT, args);
    }

    /**
     * As {@link #invoke(String, Object...)}, with options for this call (its deadline); see
     * {@link #sendSync(String, CallOptions, Object...)}. A {@code null} {@code options} throws
     * {@link NullPointerException} at once, as a bad channel does.
     */
    CompletableFuture<Object> invoke(String channel, CallOptions options, Object... args);

    /**
     * Sends a typed request and blocks until the reply or the deadline. A declared exception arrives wrapped in
     * {@link IpcDeclaredException}, which generated senders unwrap.
     */
    <R> R call(MethodDescriptor<R> method, CallOptions options, Object... args);

    /**
     * Checks that the peer is there and answering: sends the protocol's {@code $/ping} request, which the peer's
     * runtime answers itself (never a handler of yours), and completes with the round-trip time. A peer that does
     * not know {@code $/ping} (an older runtime, another JSON-RPC peer) answers {@code -32601}, or a result that is
     * not an object: that completes too, with {@link PingResult#supported()} {@code false}. Every other failure completes the future exceptionally as a
     * request would: {@link IpcTimeoutException} when no answer came within {@code deadline},
     * {@link IpcDisconnectedException}, {@link NoSuchRendererException} for a routed peer that is not connected.
     * Interceptors and JFR call events do not see pings; the message trace does. docs/observability.md.
     *
     * @param deadline how long to wait for the answer; positive
     */
    CompletableFuture<PingResult> ping(Duration deadline);

    /** Sends a typed request; the future completes with the result, or with the declared or runtime failure. */
    <R> CompletableFuture<R> invoke(MethodDescriptor<R> method, CallOptions options, Object... args);
}
