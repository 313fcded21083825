package io.typedipc.runtime.reliability;

import io.typedipc.runtime.CallOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.typedipc.runtime.Binding;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.codegen.TypeRecipe;
import io.typedipc.runtime.transport.SocketServer;
import io.typedipc.runtime.transport.SocketTransport;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A main that serves typed and untyped channels on a TCP loopback {@link SocketServer}, with a healthy renderer
 * connected the ordinary way: bad input arrives on other connections, and {@link #assertStillServing()} proves that
 * main and its other connections are unaffected.
 */
final class ServedMain implements AutoCloseable {
    /** A record argument for typed channels. */
    record Item(String name, int size) {}

    static final MethodDescriptor<Integer> ADD = MethodDescriptor.<Integer>builder("rel:add", MethodDescriptor.Kind.BLOCKING)
            .parameter("a", TypeRecipe.of(int.class))
            .parameter("b", TypeRecipe.of(int.class))
            .result(TypeRecipe.of(int.class))
            .build();
    static final MethodDescriptor<String> DESCRIBE = MethodDescriptor.<String>builder("rel:describe",
                    MethodDescriptor.Kind.BLOCKING)
            .parameter("item", TypeRecipe.of(Item.class))
            .result(TypeRecipe.of(String.class))
            .build();
    static final MethodDescriptor<Void> NOTE = MethodDescriptor.<Void>builder("rel:note", MethodDescriptor.Kind.ONE_WAY)
            .parameter("count", TypeRecipe.of(int.class))
            .build();

    final IpcMain main;
    final SocketServer server;
    final IpcRenderer healthy;
    final ConcurrentLinkedQueue<Object> notes = new ConcurrentLinkedQueue<>();
    private int probe;

    /** A main made with no settings at all, so what its tests see are the defaults a user gets. */
    ServedMain() throws Exception {
        this(IpcMain.create());
    }

    ServedMain(IpcSettings settings) throws Exception {
        this(IpcMain.create(settings));
    }

    private ServedMain(IpcMain main) throws Exception {
        this.main = main;
        main.handle("rel:echo", (event, args) -> args.length == 1 ? args[0] : List.of(args));
        main.register(List.of(
                Binding.handler(ADD, (event, args) -> (Integer) args[0] + (Integer) args[1]),
                Binding.handler(DESCRIBE, (event, args) -> ((Item) args[0]).name() + "/" + ((Item) args[0]).size()),
                Binding.listener(NOTE, (event, args) -> notes.add(args[0]))));
        server = SocketTransport.listenTcp(main, 0);
        healthy = SocketTransport.connect(server.address(), server.token(), "healthy", IpcSettings.defaults());
        assertStillServing();
    }

    RawClient raw() throws Exception {
        return RawClient.connect(server.address(), server.token());
    }

    /**
     * The healthy renderer still gets typed and untyped answers, and main still accepts and serves a new connection.
     */
    void assertStillServing() throws Exception {
        int n = ++probe;
        assertEquals(n + 1, healthy.call(ADD, CallOptions.DEFAULT.withDeadline(java.time.Duration.ofSeconds(60)), n, 1));
        assertEquals("probe " + n, healthy.invoke("rel:echo", "probe " + n).get(60, TimeUnit.SECONDS));
        // Not named "raw": the test's own raw peer may connect right after this one closes, before main has seen it go.
        try (RawClient fresh = RawClient.connect(server.address(), server.token(), "probe")) {
            fresh.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rel:add\",\"params\":[" + n + ",2]}");
            assertEquals(n + 2, fresh.next().path("result").asInt());
        }
    }

    @Override
    public void close() {
        healthy.close();
        server.close();
        main.close();
    }
}
