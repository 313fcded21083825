package io.typedipc.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.CallOptions;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.runtime.TraceRecorder;
import io.typedipc.runtime.TracedFrame;
import io.typedipc.runtime.transport.SocketServer;
import io.typedipc.runtime.transport.SocketTransport;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.junit.jupiter.api.Test;

/**
 * Every request the Java runtime sends carries {@code "deadlineMillis"} (docs/protocol.md, "Deadlines"): LSP4J, a
 * JSON-RPC library we did not write, serves such requests as if the member were not there. (vscode-jsonrpc does
 * too: every request {@code VscodeJsonRpcInteropTest} sends to its Node.js peer carries it.)
 */
class DeadlineMemberInteropTest {
    private static final long WAIT = 60;

    /** The LSP4J side's view of main: just the handshake. */
    public interface MainFromLsp4j {
        @JsonRequest("$/hello")
        CompletableFuture<Map<String, Object>> hello(Map<String, String> params);
    }

    /** What the LSP4J side serves, with plain LSP4J annotations. */
    public static final class Lsp4jService {
        @JsonRequest("lsp4j:concat")
        public CompletableFuture<String> concat(String a, String b) {
            return CompletableFuture.completedFuture(a + b);
        }
    }

    @Test
    void lsp4jServesRequestsThatCarryTheDeadlineMember() throws Exception {
        TraceRecorder trace = new TraceRecorder();
        try (IpcMain main = IpcMain.create(IpcSettings.builder().trace(trace).build());
                SocketServer server = SocketTransport.listenTcp(main, 0)) {
            String address = server.address();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(),
                    Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)))) {
                Launcher<MainFromLsp4j> launcher = new Launcher.Builder<MainFromLsp4j>()
                        .setLocalService(new Lsp4jService())
                        .setRemoteInterface(MainFromLsp4j.class)
                        .setInput(socket.getInputStream())
                        .setOutput(socket.getOutputStream())
                        .create();
                launcher.startListening();
                Map<String, Object> welcome = launcher.getRemoteProxy()
                        .hello(Map.of("token", server.token(), "name", "lsp4j")).get(WAIT, TimeUnit.SECONDS);
                RendererHandle handle = main.renderer(((Number) welcome.get("rendererId")).intValue()).orElseThrow();

                assertEquals("ab", handle.sendSync("lsp4j:concat",
                        CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(WAIT)), "a", "b"));
                assertEquals("cd", handle.invoke("lsp4j:concat", "c", "d").get(WAIT, TimeUnit.SECONDS));
                long sentWithDeadline = trace.frames().stream()
                        .filter(frame -> frame.direction() == TracedFrame.Direction.SENT
                                && "lsp4j:concat".equals(frame.method()) && frame.text().contains("\"deadlineMillis\":"))
                        .count();
                assertEquals(2, sentWithDeadline, "both requests carried the member: " + trace.frames());
                assertTrue(handle.isConnected());
            }
        }
    }
}
