package io.typedipc.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.runtime.transport.SocketServer;
import io.typedipc.runtime.transport.SocketTransport;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
    }

    @Test
    void lsp4jsTypedProxyHandsShakesAndCallsARecordChannel() throws Exception {
        try (IpcMain main = IpcMain.create(); SocketServer server = SocketTransport.listenTcp(main, 0)) {
            VscodeJsonRpcInteropTest outer = new VscodeJsonRpcInteropTest();
            JavaServiceDispatcher.register(main, outer.new JavaServiceImpl());
            String address = server.address();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(),
                    Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)))) {
                Launcher<MainFromLsp4j> launcher = new Launcher.Builder<MainFromLsp4j>()
                        .setLocalService(new Object())
                        .setRemoteInterface(MainFromLsp4j.class)
                        .setInput(socket.getInputStream())
                        .setOutput(socket.getOutputStream())
                        .create();
                launcher.startListening();
                MainFromLsp4j remote = launcher.getRemoteProxy();

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
}
