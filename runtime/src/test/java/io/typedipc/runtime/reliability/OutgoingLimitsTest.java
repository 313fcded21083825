package io.typedipc.runtime.reliability;

import io.typedipc.runtime.CallOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcException;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.RemoteException;
import io.typedipc.runtime.WireLimits;
import io.typedipc.runtime.internal.wire.FrameReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * What main sends is bounded too: a reply or request over the frame limit is answered or refused at once instead of
 * leaving someone waiting for its deadline, and a peer that stops reading its replies is disconnected instead of
 * stalling the thread that serves every other peer.
 */
class OutgoingLimitsTest {
    private static final int SMALL_FRAME = 64 * 1024;

    @Test
    void aResultOverTheFrameLimitIsAnsweredWithAnErrorAtOnce() throws Exception {
        IpcSettings small = IpcSettings.builder()
                .wireLimits(WireLimits.builder().maxFrameBytes(SMALL_FRAME).build()).build();
        // The caller waits up to two minutes; "at once" is asserted as well within 10 s (the machine is shared), so a
        // reply that never came would fail the test as a timeout, not pass it.
        IpcSettings patient = IpcSettings.builder().defaultDeadline(Duration.ofMinutes(2)).build();
        try (IpcMain main = IpcMain.create(small); LogCapture log = new LogCapture()) {
            main.handle("big:result", (event, args) -> "x".repeat(2 * SMALL_FRAME));
            try (IpcRenderer renderer = IpcRenderer.connectInProcess(main, "asker", patient)) {
                long started = System.nanoTime();
                RemoteException e = assertThrows(RemoteException.class, () -> renderer.sendSync("big:result"));
                long elapsed = System.nanoTime() - started;
                assertEquals(ErrorCodes.INTERNAL_ERROR, e.code());
                assertTrue(e.getMessage().contains("over the frame limit of " + SMALL_FRAME), e.getMessage());
                assertTrue(elapsed < TimeUnit.SECONDS.toNanos(10),
                        "answered at once, not at a deadline: " + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms");
                log.await(Level.WARNING, "big:result", "over the frame limit");
            }
        }
    }

    @Test
    void aRequestOverTheFrameLimitFailsForItsCallerAndTheConnectionLives() throws Exception {
        IpcSettings small = IpcSettings.builder()
                .wireLimits(WireLimits.builder().maxFrameBytes(SMALL_FRAME).build()).build();
        try (IpcMain main = IpcMain.create();
                IpcRenderer renderer = IpcRenderer.connectInProcess(main, "sender", small)) {
            main.handle("echo:length", (event, args) -> ((String) args[0]).length());
            IpcException e = assertThrows(IpcException.class,
                    () -> renderer.sendSync("echo:length", "y".repeat(2 * SMALL_FRAME)));
            assertEquals(ErrorCodes.INVALID_PARAMS, e.code());
            assertTrue(e.getMessage().contains("nothing was sent"), e.getMessage());
            assertTrue(renderer.isConnected());
            assertEquals(3, renderer.sendSync("echo:length", "abc"));
        }
    }

    @Test
    void aRequestOverTheFrameLimitLeavesNothingPendingAndDoesNotHoldUpAGracefulClose() throws Exception {
        IpcSettings small = IpcSettings.builder().defaultDeadline(Duration.ofMinutes(2))
                .wireLimits(WireLimits.builder().maxFrameBytes(SMALL_FRAME).build()).build();
        try (IpcMain main = IpcMain.create()) {
            main.handle("echo:length", (event, args) -> ((String) args[0]).length());
            IpcRenderer renderer = IpcRenderer.connectInProcess(main, "sender", small);
            String tooBig = "y".repeat(2 * SMALL_FRAME);
            assertThrows(IpcException.class, () -> renderer.sendSync("echo:length", tooBig));
            ExecutionException async = assertThrows(ExecutionException.class,
                    () -> renderer.invoke("echo:length", CallOptions.DEFAULT, tooBig).get(20, TimeUnit.SECONDS));
            assertEquals(ErrorCodes.INVALID_PARAMS, ((IpcException) async.getCause()).code());
            // Nothing was sent, so nothing waits for a reply: not listed, and not work a graceful close waits for.
            assertEquals(List.of(), renderer.pendingRequests());
            long started = System.nanoTime();
            assertTrue(renderer.closeGracefully(Duration.ofSeconds(30)), "nothing was left in flight");
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10), "closed at once");
        }
    }

    @Test
    void aPeerThatStopsReadingItsRepliesIsDisconnectedWithoutStallingTheOthers() throws Exception {
        // A stall timeout far beyond the test's patience: only the non-blocking reply path can keep main serving.
        WireLimits limits = WireLimits.builder()
                .maxFrameBytes(SMALL_FRAME)
                .maxQueuedOutgoingBytes(SMALL_FRAME)
                .sendStallTimeout(Duration.ofMinutes(10))
                .build();
        try (ServedMain served = new ServedMain(IpcSettings.builder().wireLimits(limits).build());
                LogCapture log = new LogCapture();
                Socket deaf = connectWithoutReading(served)) {
            String payload = "z".repeat(16 * 1024);
            OutputStream out = deaf.getOutputStream();
            try {
                for (int i = 1; i <= 2_000; i++) { // 32 MB of replies: more than any socket buffer holds
                    writeFrame(out, "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"rel:echo\",\"params\":[\""
                            + payload + "\"]}");
                }
            } catch (IOException closedByMain) {
                // main hung up while we were still writing: that is the promised outcome
            }
            log.await(Level.WARNING, "has stopped reading its replies");
            assertEquals(5, served.healthy.call(ServedMain.ADD,
                    CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(20)), 2, 3));
            served.assertStillServing();
            assertTrue(drainsToEnd(deaf), "main closed the deaf peer's connection");
        }
    }

    /** A TCP connection that passes the handshake and then never reads again (until the test drains it). */
    private static Socket connectWithoutReading(ServedMain served) throws IOException {
        String hostPort = served.server.address().substring("tcp:".length());
        int colon = hostPort.lastIndexOf(':');
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
        writeFrame(socket.getOutputStream(), "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"$/hello\",\"params\":{\"token\":\""
                + served.server.token() + "\",\"name\":\"deaf\"}}");
        byte[] hello = new FrameReader(socket.getInputStream(), WireLimits.DEFAULT_MAX_FRAME_BYTES, WireLimits.DEFAULT_MAX_HEADER_BYTES).read();
        assertTrue(new String(hello, StandardCharsets.UTF_8).contains("typed-ipc/1"));
        return socket;
    }

    private static void writeFrame(OutputStream out, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Reads what main had sent until the end of the stream; false if the stream stays open past the wait. */
    private static boolean drainsToEnd(Socket socket) throws IOException {
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(RawClient.WAIT_SECONDS));
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) >= 0) {
                // discard the replies main managed to send before it hung up
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true; // a reset is main's close seen from a peer with unread data
        }
    }
}
