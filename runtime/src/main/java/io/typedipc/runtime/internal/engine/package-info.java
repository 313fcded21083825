/**
 * The engine, not exported: connections, pending calls and their deadlines, dispatch loops and serial executors,
 * routing through main. The contexts in {@code io.typedipc.runtime} drive it.
 *
 * <p>It may use the wire codec, the transport SPI and the generated-code package, never the API or the transports:
 * what it needs from a context it declares as its own small interfaces, which the contexts implement.
 */
package io.typedipc.runtime.internal.engine;
