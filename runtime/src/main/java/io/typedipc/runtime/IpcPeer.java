package io.typedipc.runtime;

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
    Object sendSync(String channel, Object... args);

    /** Sends a request whose future completes with the reply (Electron's {@code invoke}). */
    CompletableFuture<Object> invoke(String channel, Object... args);

    /**
     * Sends a typed request and blocks until the reply or the deadline. A declared exception arrives wrapped in
     * {@link IpcDeclaredException}, which generated senders unwrap.
     */
    <R> R call(MethodDescriptor<R> method, CallOptions options, Object... args);

    /** Sends a typed request; the future completes with the result, or with the declared or runtime failure. */
    <R> CompletableFuture<R> invoke(MethodDescriptor<R> method, CallOptions options, Object... args);
}
