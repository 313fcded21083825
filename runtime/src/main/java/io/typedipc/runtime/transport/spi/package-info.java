/**
 * The service-provider interface for transports: {@link io.typedipc.runtime.transport.spi.Link}, the one interface
 * every transport implements (a module such as {@code typed-ipc-websocket} hands its links to
 * {@code IpcMain.attach}), and {@link io.typedipc.runtime.transport.spi.InProcessLink}, two linked ends in one JVM.
 *
 * <p>Below the API and the engine: it may use the wire codec, never the API.
 */
package io.typedipc.runtime.transport.spi;
