package io.typedipc.runtime.transport;

import io.typedipc.runtime.transport.spi.Link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcDisconnectedException;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.runtime.WireLimits;
import io.typedipc.runtime.internal.wire.FramingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class StreamLinkTest {
    private static final long WAIT = RawPeer.WAIT_SECONDS;

    /** Records what a link delivers. */
    static final class Recorder implements io.typedipc.runtime.transport.spi.Link.Listener {
        final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Throwable> closed = new CompletableFuture<>();
        final CountDownLatch closeCount = new CountDownLatch(2);

        @Override
        public void onFrame(byte[] frame) {
            frames.add(new String(frame, StandardCharsets.UTF_8));
        }

        @Override
        public void onClose(Throwable cause) {
            closeCount.countDown();
            closed.complete(cause);
        }

        Throwable awaitClose() throws Exception {
            return closed.get(WAIT, TimeUnit.SECONDS);
        }
    }

    @Test
    void framesTravelBothWaysInOrderFromManyThreads() throws Exception {
        PipePair pipes = PipePair.open();
        StreamLink left = pipes.leftLink("order", WireLimits.defaults());
        StreamLink right = pipes.rightLink("order", WireLimits.defaults());
        Recorder atLeft = new Recorder();
        Recorder atRight = new Recorder();
        left.start(atLeft);
        right.start(atRight);
        int threads = 4;
        int perThread = 500;
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            senders.add(new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    try {
                        left.send(("{\"t\":" + thread + ",\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }
            }));
        }
        senders.forEach(Thread::start);
        right.send("{\"back\":true}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"back\":true}", atLeft.frames.poll(WAIT, TimeUnit.SECONDS));
        int[] next = new int[threads];
        for (int n = 0; n < threads * perThread; n++) {
            String frame = atRight.frames.poll(WAIT, TimeUnit.SECONDS);
            assertNotNull(frame, "frame " + n + " did not arrive");
            JsonNode node = RawPeer.tree(frame);
            int thread = node.get("t").asInt();
            assertEquals(next[thread]++, node.get("i").asInt(), "frames from one thread keep their order");
        }
        for (Thread sender : senders) {
            sender.join();
        }
        left.close();
        assertNull(atLeft.awaitClose(), "closing is orderly");
        assertNull(atRight.awaitClose(), "the other end sees the end of the stream");
        assertThrows(IOException.class, () -> left.send(new byte[] {'1'}));
        left.close();
        assertFalse(atLeft.closeCount.await(0, TimeUnit.SECONDS), "onClose is called once");
    }

    @Test
    void closeStillWritesWhatWasQueued() throws Exception {
        PipePair pipes = PipePair.open();
        StreamLink left = pipes.leftLink("drain", WireLimits.defaults());
        Recorder atLeft = new Recorder();
        left.start(atLeft);
        for (int i = 0; i < 100; i++) {
            left.send(("[" + i + "]").getBytes(StandardCharsets.UTF_8));
        }
        left.close();
        try (RawPeer peer = new RawPeer(pipes.rightIn, pipes.rightOut)) {
            for (int i = 0; i < 100; i++) {
                assertEquals(i, peer.next().get(0).asInt());
            }
            assertTrue(peer.awaitEnd());
        }
    }

    @Test
    void aFrameOverTheLimitIsNotSentAndTheLinkStaysOpen() throws Exception {
        PipePair pipes = PipePair.open();
        WireLimits small = WireLimits.builder().maxFrameBytes(100).build();
        StreamLink left = pipes.leftLink("big", small);
        left.start(new Recorder());
        IOException e = assertThrows(IOException.class, () -> left.send(new byte[101]));
        assertTrue(e.getMessage().contains("101"), e.getMessage());
        left.send("{\"still\":\"open\"}".getBytes(StandardCharsets.UTF_8));
        try (RawPeer peer = new RawPeer(pipes.rightIn, pipes.rightOut)) {
            assertEquals("open", peer.next().get("still").asString());
        }
        left.close();
    }

    @Test
    void aPeerThatNeverReadsStallsTheSenderThenClosesTheLink() throws Exception {
        PipePair pipes = PipePair.open();
        WireLimits small = WireLimits.builder().maxFrameBytes(1024).maxQueuedOutgoingBytes(4096)
                .sendStallTimeout(Duration.ofMillis(300)).build();
        StreamLink left = pipes.leftLink("stall", small);
        Recorder atLeft = new Recorder();
        left.start(atLeft);
        byte[] frame = new byte[1000];
        java.util.Arrays.fill(frame, (byte) '1');
        IOException failure = null;
        // The pipe's buffer and the queue fill up; nothing reads the other end, so a send must fail eventually.
        for (int i = 0; i < 100_000 && failure == null; i++) {
            try {
                left.send(frame);
            } catch (IOException e) {
                failure = e;
            }
        }
        assertNotNull(failure, "sending to a peer that never reads must fail, not block forever");
        assertTrue(failure.getMessage().contains("has read nothing"), failure.getMessage());
        assertSame(failure, atLeft.awaitClose());
        assertThrows(IOException.class, () -> left.send(frame));
    }

    /** Records which threads write to an output stream. */
    private static final class WritingThreads extends java.io.FilterOutputStream {
        final java.util.Set<String> names = java.util.concurrent.ConcurrentHashMap.newKeySet();

        WritingThreads(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            names.add(Thread.currentThread().getName());
            out.write(bytes, offset, length);
        }
    }

    @Test
    void onAPipeThatAllowsItTheThreadThatOffersAReplyWritesItItselfWhenTheLinkIsIdle() throws Exception {
        PipePair pipes = PipePair.open();
        WritingThreads out = new WritingThreads(pipes.leftOut);
        StreamLink left = new StreamLink(pipes.leftIn, out, null, "own (left)", WireLimits.defaults(),
                StreamLink.OwnWrites.ALL);
        StreamLink queueing = new StreamLink(pipes.rightIn, pipes.rightOut, null, "own (right)", WireLimits.defaults());
        Recorder atRight = new Recorder();
        left.start(new Recorder());
        queueing.start(atRight);
        Thread dispatch = new Thread(() -> {
            try {
                for (int i = 0; i < 3; i++) {
                    assertTrue(left.offer(("[" + i + "]").getBytes(StandardCharsets.UTF_8)));
                    assertEquals("[" + i + "]", atRight.frames.poll(WAIT, TimeUnit.SECONDS));
                }
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }, "test-dispatch");
        dispatch.start();
        dispatch.join(TimeUnit.SECONDS.toMillis(WAIT));
        assertEquals(java.util.Set.of("test-dispatch"), out.names, "each reply was written by the thread offering it");
        left.close();
        queueing.close();
    }

    @Test
    void aThreadBlockedWritingItsOwnFrameToAPipeIsWatchedAndTheLinkClosedAtTheStallTimeout() throws Exception {
        PipePair pipes = PipePair.open();
        WireLimits limits = WireLimits.builder().maxFrameBytes(8 * 1024).maxQueuedOutgoingBytes(64 * 1024)
                .sendStallTimeout(Duration.ofMillis(300)).build();
        StreamLink left = new StreamLink(pipes.leftIn, pipes.leftOut, null, "watchdog (left)", limits,
                StreamLink.OwnWrites.ALL);
        CountDownLatch stallAction = new CountDownLatch(1);
        left.onWriteStall(stallAction::countDown);
        Recorder atLeft = new Recorder();
        left.start(atLeft);
        byte[] frame = new byte[4 * 1024];
        java.util.Arrays.fill(frame, (byte) '3');
        IOException failure = null;
        long started = System.nanoTime();
        // The peer keeps talking (so each frame may be written by the caller) but never reads: the pipe fills and
        // the caller's write blocks in the OS; the writer thread must end it.
        for (int i = 0; i < 100_000 && failure == null; i++) {
            pipes.rightOut.write("Content-Length: 2\r\n\r\n[]".getBytes(StandardCharsets.US_ASCII));
            pipes.rightOut.flush();
            assertEquals("[]", atLeft.frames.poll(WAIT, TimeUnit.SECONDS));
            try {
                if (!left.offer(frame)) {
                    break;
                }
            } catch (IOException e) {
                failure = e;
            }
        }
        assertNotNull(failure, "a write that blocks must be ended, not wait forever");
        assertTrue(failure.getMessage().contains("has read nothing for 300 ms while a frame was being written"),
                failure.getMessage());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(WAIT), "ended by the stall timeout");
        assertSame(failure, atLeft.awaitClose());
        assertTrue(stallAction.await(WAIT, TimeUnit.SECONDS), "the stall action ran (ends a child process)");
    }

    @Test
    void endOfStreamClosesTheLinkAndFailsPendingCalls() throws Exception {
        IpcMain main = IpcMain.create();
        try {
            PipePair pipes = PipePair.open();
            RendererHandle handle = main.attach(pipes.leftLink("eof", WireLimits.defaults()), "raw");
            RawPeer peer = new RawPeer(pipes.rightIn, pipes.rightOut);
            CompletableFuture<Object> pending = handle.invoke("renderer:never-answers");
            JsonNode request = peer.next();
            assertEquals("renderer:never-answers", request.get("method").asString());
            peer.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(WAIT, TimeUnit.SECONDS));
            assertInstanceOf(IpcDisconnectedException.class, e.getCause());
            assertTrue(peer.awaitEnd(), "main closes its side too");
            assertFalse(handle.isConnected());
        } finally {
            main.close();
        }
    }

    @Test
    void aHugeContentLengthGetsAnErrorAndTheConnectionClosedAtOnce() throws Exception {
        IpcMain main = IpcMain.create();
        try {
            PipePair pipes = PipePair.open();
            Recorder closed = new Recorder();
            StreamLink link = pipes.leftLink("huge", WireLimits.defaults());
            RendererHandle handle = main.attach(new ObservedLink(link, closed), "raw");
            RawPeer peer = new RawPeer(pipes.rightIn, pipes.rightOut);
            peer.writeRaw("Content-Length: 2147483647\r\n\r\n{\"jsonrpc\":".getBytes(StandardCharsets.US_ASCII));
            JsonNode error = peer.next();
            assertEquals(ErrorCodes.INVALID_REQUEST, error.get("error").get("code").asInt());
            assertTrue(error.get("id").isNull());
            assertTrue(peer.awaitEnd());
            assertInstanceOf(FramingException.class, closed.awaitClose());
            assertFalse(handle.isConnected());
        } finally {
            main.close();
        }
    }

    @Test
    void anEndlessHeaderLineGetsAnErrorAndTheConnectionClosed() throws Exception {
        IpcMain main = IpcMain.create();
        try {
            PipePair pipes = PipePair.open();
            main.attach(pipes.leftLink("header", WireLimits.defaults()), "raw");
            RawPeer peer = new RawPeer(pipes.rightIn, pipes.rightOut);
            Thread flood = new Thread(() -> {
                byte[] junk = new byte[4096];
                java.util.Arrays.fill(junk, (byte) 'h');
                try {
                    for (int i = 0; i < 1024; i++) { // 4 MiB at most, far past the 8 KiB header limit
                        peer.writeRaw(junk);
                    }
                } catch (IOException e) {
                    // main closed the pipe: expected
                }
            });
            flood.setDaemon(true);
            flood.start();
            JsonNode error = peer.next();
            assertEquals(ErrorCodes.INVALID_REQUEST, error.get("error").get("code").asInt());
            assertTrue(error.get("error").get("message").asString().contains("header"));
            assertTrue(peer.awaitEnd());
        } finally {
            main.close();
        }
    }

    @Test
    void tooDeepJsonGetsAnErrorWithItsIdAndTheConnectionStaysUsable() throws Exception {
        IpcMain main = IpcMain.create();
        main.handle("test:echo", (event, args) -> args[0]);
        try {
            PipePair pipes = PipePair.open();
            main.attach(pipes.leftLink("deep", WireLimits.defaults()), "raw");
            RawPeer peer = new RawPeer(pipes.rightIn, pipes.rightOut);
            String deep = "[".repeat(1000) + "]".repeat(1000);
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":41,\"method\":\"test:echo\",\"params\":[" + deep + "]}");
            JsonNode error = peer.next();
            assertEquals(41, error.get("id").asInt());
            assertEquals(ErrorCodes.INVALID_REQUEST, error.get("error").get("code").asInt());
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"test:echo\",\"params\":[\"fine\"]}");
            JsonNode reply = peer.next();
            assertEquals(42, reply.get("id").asInt());
            assertEquals("fine", reply.get("result").asString());
        } finally {
            main.close();
        }
    }

    @Test
    void aRendererOverStreamsTalksToMainBothWays() throws Exception {
        IpcMain main = IpcMain.create();
        main.handle("main:add", (event, args) -> ((Number) args[0]).intValue() + ((Number) args[1]).intValue());
        PipePair pipes = PipePair.open();
        RendererHandle handle = main.attach(pipes.leftLink("both", WireLimits.defaults()), "panel");
        IpcRenderer renderer = IpcRenderer.connect(pipes.rightLink("both", WireLimits.defaults()), "panel",
                IpcSettings.defaults());
        try {
            renderer.handle("panel:title", (event, args) -> "title of " + event.senderName());
            assertEquals(5, renderer.sendSync("main:add", 2, 3));
            assertEquals("title of main", handle.invoke("panel:title").get(WAIT, TimeUnit.SECONDS));
            main.close();
            assertTrue(renderer.awaitDisconnect(WAIT, TimeUnit.SECONDS), "the renderer sees main go away");
            assertThrows(IpcDisconnectedException.class, () -> renderer.sendSync("main:add", 1, 1));
        } finally {
            renderer.close();
            main.close();
        }
    }

    /** Passes everything through and tells {@code observer} how the link closed. */
    record ObservedLink(Link link, Recorder observer) implements Link {
        @Override
        public void start(Listener listener) {
            link.start(new Listener() {
                @Override
                public void onFrame(byte[] frame) {
                    listener.onFrame(frame);
                }

                @Override
                public void onClose(Throwable cause) {
                    listener.onClose(cause);
                    observer.onClose(cause);
                }
            });
        }

        @Override
        public void send(byte[] frame) throws IOException {
            link.send(frame);
        }

        @Override
        public void close() {
            link.close();
        }

        @Override
        public String describe() {
            return link.describe();
        }
    }

    @Test
    void startTwiceIsRefused() {
        PipePair pipes = PipePair.open();
        StreamLink link = pipes.leftLink("twice", WireLimits.defaults());
        link.start(new Recorder());
        assertThrows(IllegalStateException.class, () -> link.start(new Recorder()));
        link.close();
    }
}
