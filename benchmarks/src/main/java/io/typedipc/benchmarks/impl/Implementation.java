package io.typedipc.benchmarks.impl;

import io.typedipc.benchmarks.api.PayloadSize;
import io.typedipc.benchmarks.harness.Transport;
import java.io.IOException;
import java.util.Locale;

/**
 * The implementations measured side by side. The first five run on every transport (and in the JMH benchmark);
 * gRPC-java runs in process and over TCP, vscode-jsonrpc node to node over stdio (both only in {@code Interleaved}).
 */
public enum Implementation {
    /** Pre-encoded frames echoed byte for byte: the physical limit. */
    FLOOR,
    /** Hand-written: ObjectMapper encode, frame, decode the reply. */
    JACKSON,
    /** Eclipse LSP4J 0.24.0: reflection proxies and Gson. */
    LSP4J,
    /** gRPC-java with its default executors (a thread pool on each side), Jackson marshaller. */
    GRPC,
    /** gRPC-java with {@code directExecutor()} on the server and the channel, Jackson marshaller. */
    GRPC_DIRECT,
    /** The npm package vscode-jsonrpc, node to node (both ends in Node.js processes). */
    VSCODE_JSONRPC,
    /** Typed IPC's generated sender and dispatcher. */
    TYPED,
    /** Typed IPC's untyped API and untyped handlers. */
    UNTYPED,
    /**
     * Typed IPC's generated sender and dispatcher with {@code IpcSettings.Builder.directExecutor()} on both ends
     * (handlers and future completions on the receiving thread), as {@link #GRPC_DIRECT} is for gRPC.
     */
    TYPED_DIRECT;

    public static Implementation parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The lower-case, hyphenated name used in tables and parameters. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether this implementation is measured over {@code transport}. */
    public boolean supports(Transport transport) {
        return switch (this) {
            case GRPC, GRPC_DIRECT -> transport == Transport.INPROC || transport == Transport.TCP;
            case VSCODE_JSONRPC -> transport == Transport.STDIO;
            default -> true;
        };
    }

    /** Starts the server (in this JVM or a child process) and connects a client to it. */
    public BenchClient open(Transport transport, PayloadSize size) throws IOException {
        if (!supports(transport)) {
            throw new IllegalArgumentException(label() + " is not measured over " + transport);
        }
        return switch (this) {
            case FLOOR -> new FloorClient(transport, size);
            case JACKSON -> new JacksonClient(transport, size);
            case LSP4J -> new Lsp4jClient(transport, size);
            case GRPC -> new GrpcClient(transport, size, false);
            case GRPC_DIRECT -> new GrpcClient(transport, size, true);
            case VSCODE_JSONRPC -> new VscodeJsonrpcClient(transport, size);
            case TYPED -> new TypedClient(transport, size, false);
            case TYPED_DIRECT -> new TypedClient(transport, size, true);
            case UNTYPED -> new UntypedClient(transport, size);
        };
    }
}
