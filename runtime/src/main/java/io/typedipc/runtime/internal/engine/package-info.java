/**
 * The engine, not exported: connections ({@code Connection}: demultiplexing, the call paths, budgets, close), their
 * pending calls with one deadline queue each ({@code CallTable}), main's router with its forwarding table
 * ({@code Router}), dispatch loops and serial executors. The contexts in {@code io.typedipc.runtime} drive it.
 *
 * <p>It may use the wire codec, the transport SPI and the generated-code package, never the API or the transports:
 * what it needs from a context it declares as its own small interfaces — {@code Connection.Owner},
 * {@code Connection.Serving}, {@code Router.Main}, {@code CallRoute} — and the API's exceptions it asks of a failure
 * factory ({@code Failures}); package-private classes of the API implement them. docs/architecture.md lists them.
 */
package io.typedipc.runtime.internal.engine;
