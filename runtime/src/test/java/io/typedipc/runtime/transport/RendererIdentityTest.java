package io.typedipc.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.RendererHandle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Who a renderer is: the hello reply gives it its id and the name main gave it; names are unique among connected
 * renderers (a taken one is suffixed), and a name that could forge a log line is refused.
 */
class RendererIdentityTest {

    @Test
    void theHelloReplyCarriesTheRendererIdAndTheNameMainGaveIt() throws Exception {
        try (IpcMain main = IpcMain.create(); SocketServer server = SocketTransport.listenTcp(main, 0);
                RawPeer first = hello(server, "panel")) {
            JsonNode one = first.next().path("result");
            try (RawPeer second = hello(server, "panel")) {
                JsonNode two = second.next().path("result");
                assertEquals("typed-ipc/1", one.path("protocol").asString());
                RendererHandle firstHandle = main.renderer(one.path("rendererId").asInt()).orElseThrow();
                RendererHandle secondHandle = main.renderer(two.path("rendererId").asInt()).orElseThrow();
                assertEquals("panel", one.path("name").asString());
                assertEquals("panel", firstHandle.name());
                assertEquals("panel-2", two.path("name").asString(), "a taken name gets a suffix");
                assertEquals("panel-2", secondHandle.name());
                assertTrue(firstHandle.id() != secondHandle.id());
            }
        }
    }

    @Test
    void aRendererCannotTakeAConnectedRenderersName() throws Exception {
        try (IpcMain main = IpcMain.create(); SocketServer server = SocketTransport.listenTcp(main, 0)) {
            BlockingQueue<String> senders = new LinkedBlockingQueue<>();
            main.on("who:am-i", (event, args) -> senders.add(event.senderId() + " " + event.senderName()));
            try (IpcRenderer inspector = SocketTransport.connect(server.address(), server.token(), "inspector",
                    IpcSettings.defaults());
                    IpcRenderer impostor = SocketTransport.connect(server.address(), server.token(), "inspector",
                            IpcSettings.defaults())) {
                assertEquals("inspector", inspector.name());
                assertEquals("inspector-2", impostor.name(), "the renderer learns the name main gave it");
                impostor.send("who:am-i");
                String seen = senders.poll(30, TimeUnit.SECONDS);
                assertTrue(seen != null && seen.endsWith(" inspector-2"), "main sees " + seen);
                // In-process attach follows the same rule, and the renderer learns the name and id main gave it.
                try (IpcRenderer third = IpcRenderer.connectInProcess(main, "inspector")) {
                    assertEquals("inspector-3", third.name(), "the renderer learns the name main gave it in-process too");
                    assertEquals("inspector-3", main.renderer(third.id().orElseThrow()).orElseThrow().name());
                    assertEquals(3, main.renderers().size());
                    assertEquals(1, main.renderers().stream().filter(r -> r.name().equals("inspector")).count());
                }
            }
        }
    }

    @Test
    void aNameThatCouldForgeALogLineIsRefused() throws Exception {
        try (IpcMain main = IpcMain.create(); SocketServer server = SocketTransport.listenTcp(main, 0)) {
            for (String bad : new String[] {"evil\nSEVERE: forged log line", "tab\there", " ", "x".repeat(129),
                    "bidi\u202eevil"}) {
                try (RawPeer peer = hello(server, bad)) {
                    JsonNode reply = peer.next();
                    assertEquals(ErrorCodes.INVALID_REQUEST, reply.path("error").path("code").asInt(), reply.toString());
                    assertEquals(0, reply.path("id").asInt(), "answered with the hello's id");
                    assertTrue(reply.path("error").path("message").asString().startsWith("handshake refused: a renderer name"),
                            reply.toString());
                    assertTrue(peer.awaitEnd());
                }
            }
            IOException refused = assertThrows(IOException.class, () -> SocketTransport.connect(server.address(),
                    server.token(), "two\nlines", IpcSettings.defaults()));
            assertTrue(refused.getMessage().contains("renderer name"), refused.getMessage());
            assertThrows(IllegalArgumentException.class, () -> IpcRenderer.connectInProcess(main, "a\rb"));
            assertEquals(0, main.renderers().size());
        }
    }

    private static RawPeer hello(SocketServer server, String name) throws IOException {
        String address = server.address();
        Socket socket = new Socket(InetAddress.getLoopbackAddress(),
                Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
        RawPeer peer = new RawPeer(socket.getInputStream(), socket.getOutputStream(), socket, 30);
        peer.send(RawPeer.JSON.writeValueAsString(RawPeer.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 0)
                .put("method", "$/hello").set("params", RawPeer.JSON.createObjectNode().put("token", server.token())
                        .put("name", name))));
        return peer;
    }
}
