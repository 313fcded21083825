/**
 * The service-provider interface for transports: {@link io.typedipc.runtime.transport.spi.Link}, the one interface
 * every transport implements (a module such as {@code typed-ipc-websocket} hands its links to
 * {@code IpcMain.attach}), and what a transport reuses to keep its promises:
 * {@link io.typedipc.runtime.transport.spi.InProcessLink}, two linked ends in one JVM;
 * {@link io.typedipc.runtime.transport.spi.Hello}, the {@code $/hello} rules; and
 * {@link io.typedipc.runtime.transport.spi.OutgoingBudget}, the bound on a link's outgoing queue with backpressure,
 * the stall timeout and the closing of waiting senders (used by the runtime's stream links and by the WebSocket link).
 *
 * <p>Below the API and the engine: it may use the wire codec, never the API.
 */
package io.typedipc.runtime.transport.spi;
