package io.typedipc.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.RendererHandle;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The window a renderer names in its {@code $/hello}, as a peer in another language would send it. */
class WindowHelloTest {

    @Test
    void aHelloNamesTheWindowAndABadWindowIsRefused() throws Exception {
        try (IpcMain main = IpcMain.create(); SocketServer server = SocketTransport.listenTcp(main, 0)) {
            for (String bad : new String[] {"42", "\"\"", "\"  \"", "\"a\\u0007b\"", "{\"name\":\"main\"}"}) {
                try (SocketChannel channel = SocketChannel.open(SocketTransport.parseAddress(server.address()));
                        RawPeer peer = new RawPeer(SocketStreams.input(channel), SocketStreams.output(channel))) {
                    peer.send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"$/hello\",\"params\":{\"token\":\""
                            + server.token() + "\",\"name\":\"panel\",\"window\":" + bad + "}}");
                    JsonNode reply = peer.next();
                    assertEquals(ErrorCodes.INVALID_REQUEST, reply.get("error").get("code").asInt(), bad);
                    assertTrue(reply.get("error").get("message").asString().contains("\"window\""), reply.toString());
                    assertTrue(peer.awaitEnd());
                }
            }
            assertTrue(main.renderers().isEmpty());

            LinkedBlockingQueue<RendererHandle> connected = new LinkedBlockingQueue<>();
            main.onRendererConnected(connected::add);
            try (SocketChannel channel = SocketChannel.open(SocketTransport.parseAddress(server.address()));
                    RawPeer peer = new RawPeer(SocketStreams.input(channel), SocketStreams.output(channel))) {
                peer.send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"$/hello\",\"params\":{\"token\":\""
                        + server.token() + "\",\"name\":\"panel\",\"window\":\"main\"}}");
                assertTrue(peer.next().has("result"));
                RendererHandle handle = connected.poll(30, TimeUnit.SECONDS);
                assertEquals(Optional.of("main"), handle.window());
                main.mainWindow().send("theme:changed", "dark");
                JsonNode message = peer.next();
                assertEquals("theme:changed", message.get("method").asString());
                assertEquals("dark", message.get("params").get(0).asString());
            }
        }
    }
}
