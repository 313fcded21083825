package io.typedipc.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.RendererHandle;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class SocketTransportTest {
    private static final long WAIT = RawPeer.WAIT_SECONDS;

    @TempDir
    Path temp;

    private IpcMain main;
    private final AtomicInteger secretCalls = new AtomicInteger();

    @BeforeEach
    void start() {
        main = IpcMain.create();
        main.handle("main:add", (event, a) -> ((Number) a[0]).intValue() + ((Number) a[1]).intValue());
        main.handle("main:secret", (event, a) -> secretCalls.incrementAndGet());
        main.handle("main:who", (event, a) -> event.senderName() + "#" + event.senderId());
    }

    @AfterEach
    void stop() {
        main.close();
    }

    @Test
    void unixSocketFolderAndFileAreOwnerOnlyAndDeletedOnClose() throws Exception {
        SocketServer server = SocketTransport.listenUnix(main, temp);
        Path socket = server.socketFile();
        assertEquals("unix:" + socket, server.address());
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(socket.getParent()));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(socket));
        server.close();
        assertFalse(Files.exists(socket));
        assertFalse(Files.exists(socket.getParent()));
    }

    @Test
    void aRendererConnectsOverAUnixSocketWithTheToken() throws Exception {
        try (SocketServer server = SocketTransport.listenUnix(main, temp)) {
            exchange(server);
        }
    }

    @Test
    void aRendererConnectsOverTcpLoopbackWithTheToken() throws Exception {
        try (SocketServer server = SocketTransport.listenTcp(main, 0)) {
            assertTrue(server.address().startsWith("tcp:127.0.0.1:"), server.address());
            exchange(server);
        }
    }

    private void exchange(SocketServer server) throws Exception {
        assertEquals(43, server.token().length());
        IpcRenderer renderer = SocketTransport.connect(server.address(), server.token(), "sock-panel", IpcSettings.defaults());
        try {
            renderer.handle("panel:ping", (event, a) -> "pong to " + event.senderName());
            assertEquals(9, renderer.sendSync("main:add", 4, 5));
            RendererHandle handle = main.renderer("sock-panel").orElseThrow();
            assertEquals("sock-panel#" + handle.id(), renderer.sendSync("main:who"));
            assertEquals("pong to main", handle.invoke("panel:ping").get(WAIT, TimeUnit.SECONDS));
            handle.disconnect();
            assertTrue(renderer.awaitDisconnect(WAIT, TimeUnit.SECONDS));
        } finally {
            renderer.close();
        }
    }

    @Test
    void aWrongTokenIsRefusedOverUnixSockets() throws Exception {
        try (SocketServer server = SocketTransport.listenUnix(main, temp)) {
            refused(server);
        }
    }

    @Test
    void aWrongTokenIsRefusedOverTcp() throws Exception {
        try (SocketServer server = SocketTransport.listenTcp(main, 0)) {
            refused(server);
        }
    }

    private void refused(SocketServer server) throws Exception {
        String wrong = server.token().substring(1) + (server.token().charAt(0) == 'A' ? 'B' : 'A');
        IOException e = assertThrows(IOException.class,
                () -> SocketTransport.connect(server.address(), wrong, "intruder", IpcSettings.defaults()));
        assertTrue(e.getMessage().contains("wrong or missing token"), e.getMessage());
        assertTrue(main.renderers().isEmpty());

        // A peer that skips the handshake reaches no channel: its first request is answered with an error and the
        // connection closes.
        try (SocketChannel channel = SocketChannel.open(SocketTransport.parseAddress(server.address()));
                RawPeer peer = new RawPeer(SocketStreams.input(channel), SocketStreams.output(channel))) {
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"main:secret\",\"params\":[]}");
            JsonNode reply = peer.next();
            assertEquals(1, reply.get("id").asInt());
            assertEquals(ErrorCodes.INVALID_REQUEST, reply.get("error").get("code").asInt());
            assertTrue(peer.awaitEnd());
        }
        // Nor does one with a hello but no token.
        try (SocketChannel channel = SocketChannel.open(SocketTransport.parseAddress(server.address()));
                RawPeer peer = new RawPeer(SocketStreams.input(channel), SocketStreams.output(channel))) {
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":\"h\",\"method\":\"$/hello\",\"params\":{\"name\":\"x\"}}");
            JsonNode reply = peer.next();
            assertEquals("h", reply.get("id").asString());
            assertTrue(reply.get("error").get("message").asString().contains("token"));
            assertTrue(peer.awaitEnd());
        }
        // The right token still works afterwards, and the secret handler never ran for the intruders.
        IpcRenderer renderer = SocketTransport.connect(server.address(), server.token(), "friend", IpcSettings.defaults());
        try {
            assertEquals(1, renderer.sendSync("main:secret"));
            assertEquals(1, secretCalls.get());
        } finally {
            renderer.close();
        }
    }

    @Test
    void tcpConnectsOnlyToLoopback() throws Exception {
        // The public entry point refuses before any connection is tried (192.0.2.1 is a documentation address: a
        // connection attempt would hang or fail with an IOException, not this).
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20), () -> assertThrows(IllegalArgumentException.class,
                        () -> SocketTransport.connect("tcp:192.0.2.1:4000", "token", "panel", IpcSettings.defaults())));
        assertTrue(refused.getMessage().contains("only to loopback addresses"), refused.getMessage());
        // And main listens on loopback only.
        try (SocketServer server = SocketTransport.listenTcp(main, 0)) {
            java.net.InetSocketAddress bound = (java.net.InetSocketAddress) SocketTransport.parseAddress(server.address());
            assertTrue(bound.getAddress().isLoopbackAddress(), server.address());
        }
        assertThrows(IllegalArgumentException.class, () -> SocketTransport.parseAddress("tcp:192.0.2.1:4000"));
        assertThrows(IllegalArgumentException.class, () -> SocketTransport.parseAddress("udp:127.0.0.1:4000"));
        assertThrows(IllegalArgumentException.class, () -> SocketTransport.parseAddress("tcp:127.0.0.1"));
        assertEquals(4000, ((java.net.InetSocketAddress) SocketTransport.parseAddress("tcp:127.0.0.1:4000")).getPort());
    }

    @Test
    void theEnvironmentCarriesAddressAndToken() throws Exception {
        try (SocketServer server = SocketTransport.listenTcp(main, 0)) {
            assertEquals(server.address(), server.environment().get(SocketTransport.ADDRESS_ENV));
            assertEquals(server.token(), server.environment().get(SocketTransport.TOKEN_ENV));
        }
    }
}
