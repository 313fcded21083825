package io.typedipc.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcError;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.PingResult;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.runtime.TraceRecorder;
import io.typedipc.runtime.TracedFrame;
import io.typedipc.runtime.transport.SocketServer;
import io.typedipc.runtime.transport.SocketTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.junit.jupiter.api.Test;

/**
 * Eclipse LSP4J's typed proxy — a Java JSON-RPC library we did not write — as a renderer over TCP: it passes the
 * token handshake, learns its renderer id from the hello reply, and calls typed channels. Its proxy sends a lone
 * parameter as the params object itself (LSP's convention), which a one-parameter channel taking a record accepts.
 */
class Lsp4jInteropTest {
    private static final long WAIT = 60;

    /** The LSP4J side's view of main: plain LSP4J annotations, no Typed IPC code. */
    public interface MainFromLsp4j {
        @JsonRequest("$/hello")
        CompletableFuture<Map<String, Object>> hello(Map<String, String> params);

        @JsonRequest("interop:mirror")
        CompletableFuture<Point> mirror(Point p);

        @JsonRequest("interop:add")
        CompletableFuture<Integer> add(int a, int b);

        /** Typed IPC's health check (docs/protocol.md), declared as any LSP4J user would declare it. */
        @JsonRequest("$/ping")
        CompletableFuture<Map<String, Object>> ping();
    }

    @Test
    void lsp4jsTypedProxyHandsShakesAndCallsARecordChannel() throws Exception {
        try (IpcMain main = IpcMain.create(); SocketServer server = SocketTransport.listenTcp(main, 0)) {
            VscodeJsonRpcInteropTest outer = new VscodeJsonRpcInteropTest();
            JavaServiceDispatcher.register(main, outer.new JavaServiceImpl());
            try (Socket socket = connect(server)) {
                MainFromLsp4j remote = launch(socket).getRemoteProxy();

                Map<String, Object> welcome = remote.hello(Map.of("token", server.token(), "name", "lsp4j"))
                        .get(WAIT, TimeUnit.SECONDS);
                assertEquals("typed-ipc/1", welcome.get("protocol"));
                int rendererId = ((Number) welcome.get("rendererId")).intValue();
                RendererHandle handle = main.renderer(rendererId).orElseThrow();
                assertEquals("lsp4j", handle.name());
                assertEquals("lsp4j", welcome.get("name"));

                // LSP4J sends {"params": {"x": 3, "y": 4}} for the one record argument.
                assertEquals(new Point(-3, -4), remote.mirror(new Point(3, 4)).get(WAIT, TimeUnit.SECONDS));
                // Two arguments go as an array.
                assertEquals(42, remote.add(40, 2).get(WAIT, TimeUnit.SECONDS));
                assertTrue(handle.isConnected());
            }
        }
    }

    @Test
    void pingBetweenJavaAndLsp4j() throws Exception {
        TraceRecorder trace = new TraceRecorder();
        try (IpcMain main = IpcMain.create(IpcSettings.builder().trace(trace).build());
                SocketServer server = SocketTransport.listenTcp(main, 0)) {
            List<IpcError> errors = new CopyOnWriteArrayList<>();
            main.onError(errors::add);
            VscodeJsonRpcInteropTest outer = new VscodeJsonRpcInteropTest();
            JavaServiceDispatcher.register(main, outer.new JavaServiceImpl());
            try (Socket socket = connect(server)) {
                Launcher<MainFromLsp4j> launcher = launch(socket);
                MainFromLsp4j remote = launcher.getRemoteProxy();
                Map<String, Object> welcome = remote.hello(Map.of("token", server.token(), "name", "lsp4j"))
                        .get(WAIT, TimeUnit.SECONDS);
                RendererHandle handle = main.renderer(((Number) welcome.get("rendererId")).intValue()).orElseThrow();

                // LSP4J -> main: answered by main's runtime with an empty object.
                launcher.getRemoteEndpoint().notify("$/ping", null);
                assertEquals(Map.of(), remote.ping().get(WAIT, TimeUnit.SECONDS));

                // main -> LSP4J: LSP4J answers a "$/" request it has no method for with a null result (not -32601),
                // which says it is alive but does not know ping.
                PingResult result = handle.ping(Duration.ofSeconds(WAIT)).get(WAIT, TimeUnit.SECONDS);
                assertFalse(result.supported());
                assertFalse(result.roundTrip().isNegative());
                assertTrue(trace.frames().stream().anyMatch(frame -> frame.direction() == TracedFrame.Direction.RECEIVED
                        && frame.kind() == TracedFrame.Kind.RESULT && "$/ping".equals(frame.method())
                        && frame.text().contains("\"result\":null")), "what LSP4J answered: " + trace.frames());

                assertEquals(42, remote.add(40, 2).get(WAIT, TimeUnit.SECONDS), "the connection goes on");
                assertTrue(handle.isConnected());
                assertEquals(List.of(), errors, "main reported no error, not even for the $/ping notification");
            }
        }
    }

    private static Socket connect(SocketServer server) throws IOException {
        String address = server.address();
        return new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
    }

    private static Launcher<MainFromLsp4j> launch(Socket socket) throws IOException {
        Launcher<MainFromLsp4j> launcher = new Launcher.Builder<MainFromLsp4j>()
                .setLocalService(new Object())
                .setRemoteInterface(MainFromLsp4j.class)
                .setInput(socket.getInputStream())
                .setOutput(socket.getOutputStream())
                .create();
        launcher.startListening();
        return launcher;
    }
}
