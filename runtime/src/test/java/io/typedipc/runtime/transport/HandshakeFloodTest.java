package io.typedipc.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Anonymous connections cannot lock renderers out: hundreds of idle and slow connections without a hello, and a
 * renderer with the token still connects at once; an idle one is answered and closed after the hello timeout; a
 * renderer's connect() has a timeout of its own.
 */
class HandshakeFloodTest {
    private static final int IDLE = 300;
    private static final int SLOW = 40;

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "unix"})
    void hundredsOfIdleAndSlowAnonymousConnectionsDoNotHoldUpARendererWithTheToken(String kind) throws Exception {
        List<SocketChannel> anonymous = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (IpcMain main = IpcMain.create();
                SocketServer server = kind.equals("tcp") ? SocketTransport.listenTcp(main, 0)
                        : SocketTransport.listenUnix(main, folder)) {
            main.handle("flood:ping", (event, args) -> "pong");
            for (int i = 0; i < IDLE; i++) {
                anonymous.add(open(server.address()));
            }
            List<SocketChannel> slow = new ArrayList<>();
            for (int i = 0; i < SLOW; i++) {
                slow.add(open(server.address()));
            }
            anonymous.addAll(slow);
            Thread dripper = new Thread(() -> drip(slow, stop), "slow hellos");
            dripper.setDaemon(true);
            dripper.start();
            long start = System.nanoTime();
            CompletableFuture<IpcRenderer> connecting = CompletableFuture.supplyAsync(() -> {
                try {
                    return SocketTransport.connect(server.address(), server.token(), "real", IpcSettings.defaults());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (IpcRenderer real = connecting.get(60, TimeUnit.SECONDS)) {
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                System.out.printf("[reliability] %s: a renderer with the token connected in %d ms past %d idle and %d"
                        + " slow anonymous connections%n", kind, millis, IDLE, SLOW);
                // Generous for a shared machine: before the fix it waited ~10 s (or for ever, once the backlog filled).
                assertTrue(millis < 5_000, "connecting took " + millis + " ms");
                assertEquals("pong", real.invoke("flood:ping").get(30, TimeUnit.SECONDS));
            }
        } finally {
            stop.set(true);
            for (SocketChannel channel : anonymous) {
                channel.close();
            }
        }
    }

    @Test
    void aConnectionWithoutAHelloIsAnsweredAndClosedAfterTheHelloTimeout() throws Exception {
        try (IpcMain main = IpcMain.create(); SocketServer server = SocketTransport.listenTcp(main, 0);
                Socket idle = connectTcp(server.address())) {
            long start = System.nanoTime();
            RawPeer peer = new RawPeer(idle.getInputStream(), idle.getOutputStream(), idle, 30);
            JsonNode reply = peer.next();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(ErrorCodes.INVALID_REQUEST, reply.path("error").path("code").asInt(), reply.toString());
            assertTrue(reply.path("error").path("message").asString().startsWith("handshake refused: no $/hello within"),
                    reply.toString());
            assertTrue(peer.awaitEnd(), "closed after the refusal");
            assertTrue(millis >= SocketTransport.HELLO_TIMEOUT.toMillis() - 100 && millis < 20_000, millis + " ms");
        }
    }

    @Test
    void connectingToAListenerThatNeverAcceptsFailsAtTheHandshakeTimeout() throws Exception {
        // A backlog of 1 that nobody accepts from: once full, the kernel drops further connection attempts.
        try (ServerSocket stuck = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket filler = new Socket();
                    try {
                        filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), stuck.getLocalPort()), 300);
                        fillers.add(filler);
                    } catch (IOException e) {
                        filler.close(); // the backlog is full
                    }
                }
                String address = "tcp:127.0.0.1:" + stuck.getLocalPort();
                long start = System.nanoTime();
                CompletableFuture<IpcRenderer> connecting = CompletableFuture.supplyAsync(() -> {
                    try {
                        return SocketTransport.connect(address, "token", "late", IpcSettings.defaults());
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> connecting.get(60, TimeUnit.SECONDS));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(failure.getCause().getCause() instanceof IOException, String.valueOf(failure.getCause()));
                assertTrue(millis < SocketTransport.HANDSHAKE_TIMEOUT.toMillis() + 10_000, millis + " ms");
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    private static Socket connectTcp(String address) throws IOException {
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        return new Socket(InetAddress.getLoopbackAddress(), port);
    }

    private static SocketChannel open(String address) throws IOException {
        if (address.startsWith("unix:")) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(address.substring("unix:".length())));
            return channel;
        }
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        return SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** Sends a hello header one byte every 50 ms on each slow connection (slowloris), until told to stop. */
    private static void drip(List<SocketChannel> slow, AtomicBoolean stop) {
        byte[] header = "Content-Length: 1000\r\n\r\n{\"jsonrpc\":\"2.0\"".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; !stop.get(); i = (i + 1) % header.length) {
            for (SocketChannel channel : slow) {
                try {
                    channel.write(ByteBuffer.wrap(header, i, 1));
                } catch (IOException e) {
                    // main closed it (the hello timeout): that is the point
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
