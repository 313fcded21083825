/**
 * Typed IPC's runtime: the contexts ({@code IpcMain}, {@code IpcRenderer}), their peers and events, the transports,
 * and the JSON-RPC 2.0 engine under them. Depends on Jackson 3 and the JDK only.
 *
 * <p>Exported: the user API ({@link io.typedipc.runtime}), what generated senders and dispatchers build
 * ({@link io.typedipc.runtime.codegen}), the transport entry points ({@link io.typedipc.runtime.transport}) and the
 * interface a transport module implements ({@link io.typedipc.runtime.transport.spi}). The engine
 * ({@code io.typedipc.runtime.internal.engine}) and the wire codec ({@code io.typedipc.runtime.internal.wire}) are not
 * exported: they change without notice. docs/architecture.md draws the packages and what each may import.
 */
module io.typedipc.runtime {
    // Transitive: the API's signatures show Jackson types (JsonMapper in IpcSettings, JavaType in TypeRecipe).
    requires transitive tools.jackson.databind;
    // The JFR events of calls and connections (docs/observability.md); part of every JDK.
    requires jdk.jfr;

    exports io.typedipc.runtime;
    exports io.typedipc.runtime.codegen;
    exports io.typedipc.runtime.transport;
    exports io.typedipc.runtime.transport.spi;
}
