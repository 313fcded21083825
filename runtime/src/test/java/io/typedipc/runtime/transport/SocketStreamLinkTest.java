package io.typedipc.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.WireLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@link StreamLink} over a real TCP socket, where a caller that finds the link idle writes its own frame (writer
 * combining): order, the stall guarantee for such a write, and interrupted callers.
 */
class SocketStreamLinkTest {
    private static final long WAIT = RawPeer.WAIT_SECONDS;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Both ends of one TCP loopback connection. */
    private SocketChannel[] socketPair(int bufferBytes) throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            if (bufferBytes > 0) {
                listener.setOption(StandardSocketOptions.SO_RCVBUF, bufferBytes);
            }
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel left = SocketChannel.open();
            if (bufferBytes > 0) {
                left.setOption(StandardSocketOptions.SO_SNDBUF, bufferBytes);
            }
            left.connect(listener.getLocalAddress());
            SocketChannel right = listener.accept();
            left.setOption(StandardSocketOptions.TCP_NODELAY, true);
            right.setOption(StandardSocketOptions.TCP_NODELAY, true);
            opened.add(left);
            opened.add(right);
            return new SocketChannel[] {left, right};
        }
    }

    private static StreamLink link(SocketChannel channel, String name, WireLimits limits) {
        return new StreamLink(SocketStreams.input(channel), SocketStreams.output(channel), channel, name, limits);
    }

    @AfterEach
    void closeSockets() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void framesFromManyThreadsKeepTheirOrderWhetherCallersOrTheWriterWriteThem() throws Exception {
        SocketChannel[] pair = socketPair(0);
        StreamLink left = link(pair[0], "order (left)", WireLimits.defaults());
        StreamLink right = link(pair[1], "order (right)", WireLimits.defaults());
        StreamLinkTest.Recorder atLeft = new StreamLinkTest.Recorder();
        StreamLinkTest.Recorder atRight = new StreamLinkTest.Recorder();
        left.start(atLeft);
        right.start(atRight);
        int threads = 4;
        int perThread = 2000;
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
    }

    @Test
    void aPeerThatTalksButNeverReadsIsDisconnectedAtTheStallTimeoutWithNoCallerBlockedInTheOs() throws Exception {
        SocketChannel[] pair = socketPair(16 * 1024);
        WireLimits limits = WireLimits.builder().maxFrameBytes(64 * 1024).maxQueuedOutgoingBytes(256 * 1024)
                .sendStallTimeout(Duration.ofMillis(300)).build();
        StreamLink left = link(pair[0], "stall (left)", limits);
        StreamLinkTest.Recorder atLeft = new StreamLinkTest.Recorder();
        left.start(atLeft);
        OutputStream peer = SocketStreams.output(pair[1]);
        byte[] frame = new byte[2 * 1024];
        Arrays.fill(frame, (byte) '1');
        IOException failure = null;
        long started = System.nanoTime();
        // The peer keeps talking but never reads: callers write their own frames until the socket's buffers are full;
        // then what the OS does not take goes to the writer thread, the queue fills, and the stall timeout ends it.
        for (int i = 0; i < 100_000 && failure == null; i++) {
            peer.write("Content-Length: 2\r\n\r\n[]".getBytes(StandardCharsets.US_ASCII));
            assertEquals("[]", atLeft.frames.poll(WAIT, TimeUnit.SECONDS));
            try {
                left.send(frame);
            } catch (IOException e) {
                failure = e;
            }
        }
        assertNotNull(failure, "sending to a peer that never reads must fail, not block forever");
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(WAIT), "ended by the stall timeout");
        Throwable cause = atLeft.awaitClose();
        assertNotNull(cause, "a stall is not an orderly close");
        assertTrue(cause.getMessage().contains("has read nothing for 300 ms"), cause.getMessage());
        assertTrue(failure == cause || failure.getMessage().contains("is closed"), failure.getMessage());
    }

    @Test
    void aReplyOfferedToAPeerThatNeverReadsNeverWaitsAndTheQueueBoundStillHolds() throws Exception {
        SocketChannel[] pair = socketPair(16 * 1024);
        WireLimits limits = WireLimits.builder().maxFrameBytes(64 * 1024).maxQueuedOutgoingBytes(128 * 1024)
                .sendStallTimeout(Duration.ofSeconds(WAIT)).build();
        StreamLink left = link(pair[0], "offer (left)", limits);
        left.start(new StreamLinkTest.Recorder());
        byte[] frame = new byte[4 * 1024];
        Arrays.fill(frame, (byte) '2');
        // The dispatch thread offers replies and writes them itself while the socket takes them; once it does not,
        // the rest is queued, and a full queue refuses the offer at once. No offer may wait for the peer.
        boolean refused = false;
        int accepted = 0;
        long slowest = 0;
        while (!refused && accepted < 10_000) {
            long before = System.nanoTime();
            refused = !left.offer(frame);
            slowest = Math.max(slowest, System.nanoTime() - before);
            accepted += refused ? 0 : 1;
        }
        assertTrue(refused, "a full queue refuses the offer");
        assertTrue(slowest < TimeUnit.SECONDS.toNanos(WAIT) / 2, "no offer waited: slowest " + slowest + " ns");
        assertTrue(left.queuedBytes() <= 128 * 1024, "the queue stays within its bound: " + left.queuedBytes());
        // Every reply accepted is delivered, whole and in order, once the peer reads.
        StreamLink right = link(pair[1], "offer (right)", limits);
        StreamLinkTest.Recorder atRight = new StreamLinkTest.Recorder();
        right.start(atRight);
        left.close();
        String expected = new String(frame, StandardCharsets.US_ASCII);
        for (int i = 0; i < accepted; i++) {
            assertEquals(expected, atRight.frames.poll(WAIT, TimeUnit.SECONDS), "reply " + i + " of " + accepted);
        }
        assertNull(atRight.awaitClose(), "closing is orderly");
    }

    @Test
    void anInterruptedCallerQueuesItsFrameAndTheLinkStaysOpen() throws Exception {
        SocketChannel[] pair = socketPair(0);
        StreamLink left = link(pair[0], "interrupt (left)", WireLimits.defaults());
        StreamLink right = link(pair[1], "interrupt (right)", WireLimits.defaults());
        StreamLinkTest.Recorder atRight = new StreamLinkTest.Recorder();
        left.start(new StreamLinkTest.Recorder());
        right.start(atRight);
        // A socket channel closes when a thread is interrupted inside one of its writes: such a caller must not write.
        Thread.currentThread().interrupt();
        try {
            left.send("[1]".getBytes(StandardCharsets.UTF_8));
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is left for the caller");
        }
        left.send("[2]".getBytes(StandardCharsets.UTF_8));
        assertEquals("[1]", atRight.frames.poll(WAIT, TimeUnit.SECONDS));
        assertEquals("[2]", atRight.frames.poll(WAIT, TimeUnit.SECONDS));
        assertTrue(pair[0].isOpen(), "the channel is still open");
        left.close();
    }

    /**
     * A closed link must not stay reachable from the transports' shared timer for the stall timeout: main's
     * connection is its listener, so with renderers coming and going that was every connection of the last 30 s
     * (about 1,000 and 170 MiB in the one-minute soak).
     */
    @Test
    void aClosedLinkAndItsListenerAreForgottenLongBeforeTheStallTimeout() throws Exception {
        WireLimits limits = WireLimits.builder().sendStallTimeout(Duration.ofMinutes(10)).build();
        List<WeakReference<Object>> closed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            closed.addAll(openUseAndClose(limits, i));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
        while (closed.stream().anyMatch(ref -> ref.get() != null) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        long held = closed.stream().filter(ref -> ref.get() != null).count();
        assertEquals(0, held, "closed links or their listeners still reachable " + WAIT + " s after closing");
    }

    /** Weak references to a link and its listener after it sent, received and closed (its streams drained). */
    private List<WeakReference<Object>> openUseAndClose(WireLimits limits, int n) throws Exception {
        SocketChannel[] pair = socketPair(0);
        StreamLink left = link(pair[0], "forgotten " + n + " (left)", limits);
        StreamLink right = link(pair[1], "forgotten " + n + " (right)", limits);
        StreamLinkTest.Recorder atLeft = new StreamLinkTest.Recorder();
        StreamLinkTest.Recorder atRight = new StreamLinkTest.Recorder();
        left.start(atLeft);
        right.start(atRight);
        left.send("[1]".getBytes(StandardCharsets.UTF_8));
        assertEquals("[1]", atRight.frames.poll(WAIT, TimeUnit.SECONDS));
        left.close();
        atLeft.awaitClose();
        atRight.awaitClose();
        return List.of(new WeakReference<>(left), new WeakReference<>(atLeft), new WeakReference<>(right),
                new WeakReference<>(atRight));
    }
}
