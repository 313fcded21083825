package io.typedipc.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.RendererHandle;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a peer that no WebSocket library would let us be sends, on a raw socket: invalid UTF-8 in a text message, a
 * hello without a token, origins a browser may send. Each gets its documented answer and leaves nothing behind.
 */
class HostileWebSocketTest {
    /** "{"x":"" then a lone continuation byte, then the rest: not UTF-8. */
    private static final byte[] INVALID_UTF8 = concat("{\"jsonrpc\":\"2.0\",\"method\":\"t:note\",\"params\":[\"",
            new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"]}");

    private IpcMain main;
    private WebSocketServer server;

    @BeforeEach
    void start() throws Exception {
        main = IpcMain.create();
        main.handle("t:echo", (event, args) -> args[0]);
        server = WebSocketServer.builder(main).start();
    }

    @AfterEach
    void close() {
        server.close();
        main.close();
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] a = head.getBytes(StandardCharsets.UTF_8);
        byte[] c = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }

    private String hello(String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"$/hello\",\"params\":" + params + "}";
    }

    @Test
    void aHelloWithoutATokenIsRefusedLikeAWrongOne() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.open(server.url(), null)) {
            assertTrue(client.statusLine.contains(" 101 "), client.statusLine);
            client.sendText(hello("{\"name\":\"intruder\"}"));
            String reply = client.next().text();
            assertTrue(reply.contains("\"code\":-32600") && reply.contains("handshake refused: wrong or missing token"),
                    reply);
            assertEquals(1008, client.awaitClose());
            assertTrue(client.endsWithin(), "the server kept the connection open after its close");
        }
        assertTrue(main.renderers().isEmpty());
    }

    @Test
    void invalidUtf8BeforeTheHelloClosesTheConnectionAsBadData() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.open(server.url(), null)) {
            client.sendFrame(RawWebSocketClient.TEXT, INVALID_UTF8);
            assertEquals(1007, client.awaitClose());
            assertTrue(client.endsWithin(), "the server kept the connection open after its close");
        }
        assertTrue(main.renderers().isEmpty());
    }

    @Test
    void invalidUtf8AfterTheHelloClosesTheConnectionAndDisconnectsTheRenderer() throws Exception {
        CompletableFuture<RendererHandle> gone = new CompletableFuture<>();
        main.onRendererDisconnected(gone::complete);
        try (RawWebSocketClient client = RawWebSocketClient.open(server.url(), null)) {
            client.sendText(hello("{\"token\":\"" + server.token() + "\",\"name\":\"page\"}"));
            assertTrue(client.next().text().contains("\"rendererId\""));
            client.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"t:echo\",\"params\":[\"ok\"]}");
            assertTrue(client.next().text().contains("\"result\":\"ok\""));
            client.sendFrame(RawWebSocketClient.TEXT, INVALID_UTF8);
            assertEquals(1007, client.awaitClose());
            assertEquals("page", gone.get(30, TimeUnit.SECONDS).name());
        }
        assertTrue(main.renderers().isEmpty());
    }

    @Test
    void theNullOriginAndAnotherPortOfLoopbackAreRefusedWithForbidden() throws Exception {
        for (String origin : new String[] {"null", "http://127.0.0.1:" + (server.port() == 65535 ? 1 : server.port() + 1),
                "https://127.0.0.1:" + server.port(), "file://"}) {
            try (RawWebSocketClient client = RawWebSocketClient.open(server.url(), origin)) {
                assertTrue(client.statusLine.contains(" 403 "), origin + ": " + client.statusLine);
            }
        }
        assertTrue(main.renderers().isEmpty());
    }

    @Test
    void aHelloInSmallFragmentsIsOneMessageButFragmentsOverSixtyFourKibibytesInAllCloseWithMessageTooBig()
            throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.open(server.url(), null)) {
            byte[] hello = hello("{\"token\":\"" + server.token() + "\",\"name\":\"page\"}")
                    .getBytes(StandardCharsets.UTF_8);
            for (int at = 0; at < hello.length; at += 7) {
                byte[] piece = java.util.Arrays.copyOfRange(hello, at, Math.min(hello.length, at + 7));
                client.sendFrame(at == 0 ? RawWebSocketClient.TEXT : RawWebSocketClient.CONTINUATION, piece,
                        at + 7 >= hello.length);
            }
            assertTrue(client.next().text().contains("\"rendererId\""));
        }
        try (RawWebSocketClient client = RawWebSocketClient.open(server.url(), null)) {
            byte[] piece = "x".repeat(2048).getBytes(StandardCharsets.US_ASCII);
            client.sendFrame(RawWebSocketClient.TEXT, piece, false);
            // Each fragment is small; together they pass the hello's limit, and the server must stop them there.
            for (int sent = piece.length; sent <= WebSocketServer.MAX_HELLO_BYTES + piece.length; sent += piece.length) {
                try {
                    client.sendFrame(RawWebSocketClient.CONTINUATION, piece, false);
                } catch (java.io.IOException closedByServer) {
                    break;
                }
            }
            assertEquals(1009, client.awaitClose());
        }
        assertTrue(main.renderers().stream().allMatch(handle -> handle.name().equals("page")));
    }
}
