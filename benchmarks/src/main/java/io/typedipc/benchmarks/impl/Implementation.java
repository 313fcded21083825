package io.typedipc.benchmarks.impl;

import io.typedipc.benchmarks.api.PayloadSize;
import io.typedipc.benchmarks.harness.Transport;
import java.io.IOException;
import java.util.Locale;

/** The five implementations measured side by side. */
public enum Implementation {
    /** Pre-encoded frames echoed byte for byte: the physical limit. */
    FLOOR,
    /** Hand-written: ObjectMapper encode, frame, decode the reply. */
    JACKSON,
    /** Eclipse LSP4J 0.24.0: reflection proxies and Gson. */
    LSP4J,
    /** Typed IPC's generated sender and dispatcher. */
    TYPED,
    /** Typed IPC's untyped API and untyped handlers. */
    UNTYPED;

    public static Implementation parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Starts the server (in this JVM or a child JVM) and connects a client to it. */
    public BenchClient open(Transport transport, PayloadSize size) throws IOException {
        return switch (this) {
            case FLOOR -> new FloorClient(transport, size);
            case JACKSON -> new JacksonClient(transport, size);
            case LSP4J -> new Lsp4jClient(transport, size);
            case TYPED -> new TypedClient(transport, size);
            case UNTYPED -> new UntypedClient(transport, size);
        };
    }
}
