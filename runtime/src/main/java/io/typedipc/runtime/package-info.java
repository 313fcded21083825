/**
 * The user API of Typed IPC: the contexts ({@link io.typedipc.runtime.IpcMain}, {@link io.typedipc.runtime.IpcRenderer}),
 * the peers they message ({@link io.typedipc.runtime.IpcPeer}, {@link io.typedipc.runtime.RendererHandle},
 * {@link io.typedipc.runtime.OneWayPeer}), what a handler sees ({@link io.typedipc.runtime.IpcEvent}), the settings
 * ({@link io.typedipc.runtime.IpcSettings}, {@link io.typedipc.runtime.WireLimits},
 * {@link io.typedipc.runtime.RoutingPolicy}, packages) and the failures ({@link io.typedipc.runtime.IpcException} and
 * its subclasses, {@link io.typedipc.runtime.ErrorCodes}).
 *
 * <p>This package may use the engine ({@code internal.engine}), the wire codec ({@code internal.wire}), the transport
 * SPI and the generated-code package; none of those uses this one.
 */
package io.typedipc.runtime;
