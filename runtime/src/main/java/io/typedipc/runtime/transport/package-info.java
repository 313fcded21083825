/**
 * Ways to connect contexts: a child process over its stdin/stdout ({@link io.typedipc.runtime.transport.ChildProcessTransport}
 * in main, {@link io.typedipc.runtime.transport.StdioTransport} in the child), Unix domain and TCP loopback sockets
 * ({@link io.typedipc.runtime.transport.SocketTransport}, {@link io.typedipc.runtime.transport.SocketServer}), and
 * any pair of byte streams ({@link io.typedipc.runtime.transport.StreamLink}, Language Server Protocol framing).
 *
 * <p>The top layer: it may use the user API, the transport SPI and the internal packages; nothing in the runtime
 * uses it.
 */
package io.typedipc.runtime.transport;
